package dev.herald.providers.smtp;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The id Amazon SES gives a message it took over SMTP, read from its reply to the end of DATA,
 * {@code 250 Ok 0102018c…-000000}. SES writes its own Message-ID over the one Herald set and names the message by
 * this id ({@code mail.messageId}) in every notification, whether or not they include the original headers, so it
 * is the id worth storing. Other relays answer in other shapes ({@code 250 2.0.0 Ok: queued as 4F2A1},
 * {@code 250 OK id=1q2w3e}) and give nothing here.
 */
final class SesMessageId {
    /** 16 hex digits, a UUID, a 6-digit suffix: the shape of every id in SES's documentation and replies. */
    private static final Pattern REPLY = Pattern.compile(
            "250 (?i:ok) ([0-9a-f]{16}-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}-[0-9a-f]{6})");

    private SesMessageId() {
    }

    /** SES's id in the relay's last reply, if the reply has SES's shape. */
    static Optional<String> in(String reply) {
        if (reply == null || reply.length() > 200) {
            return Optional.empty();
        }
        Matcher m = REPLY.matcher(reply.strip());
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }
}
