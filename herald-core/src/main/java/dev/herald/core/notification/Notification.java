package dev.herald.core.notification;

import dev.herald.core.model.Priority;
import dev.herald.core.model.TenantId;

import java.time.Instant;
import java.util.UUID;

/**
 * One accepted request to notify someone; its deliveries are the units of work. {@code requestHash} fingerprints
 * the request when it came with an idempotency key, to tell a retry from a different request reusing the key.
 */
public record Notification(UUID id, TenantId tenant, String type, Priority priority, String idempotencyKey,
                           Instant createdAt, String requestHash) {
    public Notification(UUID id, TenantId tenant, String type, Priority priority, String idempotencyKey,
                        Instant createdAt) {
        this(id, tenant, type, priority, idempotencyKey, createdAt, null);
    }
}
