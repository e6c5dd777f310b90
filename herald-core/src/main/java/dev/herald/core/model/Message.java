package dev.herald.core.model;

/**
 * What a recipient reads: a subject or title, a plain-text body and, for email, an HTML body.
 * Rendered once at intake so a send never fails on content.
 */
public record Message(String subject, String text, String html) {
}
