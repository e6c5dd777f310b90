package dev.herald.providers.http;

import java.net.http.HttpHeaders;

/** A provider's HTTP answer: status, headers and the body as text (provider answers are small JSON or text). */
public record HttpAnswer(int status, HttpHeaders headers, String body) {
    public boolean isSuccess() {
        return status >= 200 && status < 300;
    }

    /** 429 and 5xx: the provider is busy or broken, not refusing this message. */
    public boolean isPassingFailure() {
        return status == 429 || status >= 500;
    }

    /** The body cut short, for error reasons that end up in the delivery's history. */
    public String bodySnippet() {
        if (body == null) {
            return "";
        }
        String flat = body.replaceAll("\\s+", " ").strip();
        return flat.length() <= 200 ? flat : flat.substring(0, 200) + "...";
    }
}
