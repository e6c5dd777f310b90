package dev.herald.core.model;

import java.util.Map;
import java.util.Collections;
import java.util.LinkedHashMap;

/**
 * What a recipient reads: a subject or title, a plain-text body and, for email, an HTML body.
 * Rendered once at intake so a send never fails on content. {@code data} carries the notification's structured
 * data to the channels whose receivers read it as such (webhook payloads, Kakao template variables); it is empty
 * for the others so it is not stored per delivery for nothing.
 */
public record Message(String subject, String text, String html, Map<String, Object> data) {
    public Message {
        data = data == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(data));
    }

    public Message(String subject, String text, String html) {
        this(subject, text, html, Map.of());
    }

    public Message withData(Map<String, Object> data) {
        return new Message(subject, text, html, data);
    }
}
