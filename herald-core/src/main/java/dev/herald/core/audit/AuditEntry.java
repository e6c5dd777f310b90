package dev.herald.core.audit;

import dev.herald.core.model.TenantId;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One recorded change: when, in which tenant, by which API key (its id, never the key), what kind of change, on
 * what, and a summary of what changed. Target and summary never carry secrets, addresses or message content.
 *
 * @param keyId   the API key that made the change; null for a change the installation made itself
 * @param target  what was changed, as {@code kind:name}, e.g. {@code template:order.shipped/EMAIL/default}
 * @param summary what changed, as {@code name=value} pairs ({@link AuditSummary}); empty when the action says it all
 */
public record AuditEntry(UUID id, Instant at, TenantId tenant, UUID keyId, AuditAction action, String target,
                         String summary) {
    public AuditEntry {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(target, "target");
        summary = summary == null ? "" : summary;
    }
}
