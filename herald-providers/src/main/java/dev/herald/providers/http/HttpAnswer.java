package dev.herald.providers.http;

import java.net.http.HttpHeaders;
import java.util.regex.Pattern;

/** A provider's HTTP answer: status, headers and the body as text (provider answers are small JSON or text). */
public record HttpAnswer(int status, HttpHeaders headers, String body) {
    // Gateways like to quote the recipient ("+821012345678 is not a valid number"); the API shows this reason.
    private static final Pattern EMAIL = Pattern.compile("[^\\s\"'<>]+@[^\\s\"'<>]+");
    private static final Pattern PHONE = Pattern.compile("\\+?\\d[\\d \\-()]{6,}\\d");

    public boolean isSuccess() {
        return status >= 200 && status < 300;
    }

    /** 429 and 5xx: the provider is busy or broken, not refusing this message. */
    public boolean isPassingFailure() {
        return status == 429 || status >= 500;
    }

    /** The body cut short and without addresses or numbers it quotes, for reasons kept in the delivery's history. */
    public String bodySnippet() {
        if (body == null) {
            return "";
        }
        String flat = body.replaceAll("\\s+", " ").strip();
        flat = PHONE.matcher(EMAIL.matcher(flat).replaceAll("<address>")).replaceAll("<number>");
        return flat.length() <= 200 ? flat : flat.substring(0, 200) + "...";
    }
}
