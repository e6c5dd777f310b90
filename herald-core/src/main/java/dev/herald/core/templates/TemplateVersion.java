package dev.herald.core.templates;

import java.time.Instant;

/** One version of a template; exactly one version of a key is active at a time. */
public record TemplateVersion(TemplateKey key, int version, String subject, String text, String html,
                              boolean active, Instant createdAt) {
}
