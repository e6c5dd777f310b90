package dev.herald.core.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

import static dev.herald.core.model.ChannelTraits.Subject.OPTIONAL;
import static dev.herald.core.model.ChannelTraits.Subject.REQUIRED;
import static dev.herald.core.model.ChannelTraits.reaching;

/**
 * The ways Herald can reach a person; each is carried by one or more providers. What a channel is (its address,
 * its message parts, receipts, cost) is written here once, in its {@link ChannelTraits}; the stages read that.
 */
public enum Channel {
    EMAIL(reaching(AddressKind.EMAIL).withSubject(REQUIRED).withHtml()),
    SMS(reaching(AddressKind.PHONE).withReceipts().billedPerMessage()),
    // Push data fields reach the app.
    PUSH(reaching(AddressKind.PUSH_TOKEN).withSubject(OPTIONAL).withData()),
    // Reading a message in the inbox is its READ receipt.
    IN_APP(reaching(AddressKind.USER_INBOX).withSubject(OPTIONAL).withReceipts()),
    // Data may hold custom Slack blocks.
    SLACK(reaching(AddressKind.SLACK_URL).withSubject(OPTIONAL).withData()),
    // Data holds the Kakao template's variables.
    KAKAO(reaching(AddressKind.PHONE).withData().withReceipts().billedPerMessage()),
    // Data is the webhook's payload.
    WEBHOOK(reaching(AddressKind.WEBHOOK_URL).withSubject(OPTIONAL).withData());

    private final ChannelTraits traits;

    Channel(ChannelTraits traits) {
        this.traits = traits;
    }

    /** What this channel is: read this instead of switching on the channel. */
    public ChannelTraits traits() {
        return traits;
    }

    /** The channel as configuration and people write it: {@code email}, {@code in-app}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Every channel's name, as an answer lists them: {@code EMAIL, SMS, …}. */
    public static String allNames() {
        return String.join(", ", Arrays.stream(values()).map(Channel::name).toList());
    }

    /** Every channel's key, as a start-up hint lists them: {@code email, sms, …, in-app, …}. */
    public static String allKeys() {
        return String.join(", ", Arrays.stream(values()).map(Channel::key).toList());
    }

    /** Reads a channel as people write it: {@code sms}, {@code SMS}, {@code in-app} or {@code IN_APP}. */
    public static Optional<Channel> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String normal = value.strip().toUpperCase(Locale.ROOT).replace('-', '_');
        for (Channel channel : values()) {
            if (channel.name().equals(normal)) {
                return Optional.of(channel);
            }
        }
        return Optional.empty();
    }
}
