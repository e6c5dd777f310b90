package dev.herald.core.notification;

import dev.herald.core.model.Priority;
import dev.herald.core.model.TenantId;
import dev.herald.core.model.TraceParent;

import java.time.Instant;
import java.util.UUID;

/**
 * One accepted request to notify someone; its deliveries are the units of work. {@code requestHash} fingerprints
 * the request when it came with an idempotency key, to tell a retry from a different request reusing the key.
 * {@code trace} is the caller's W3C trace context (null without one), passed on with every delivery.
 * {@code critical} is whether its type was critical when it was accepted: the one meaning of critical (exempt from
 * per-type choices and quiet hours, what a workflow's {@code if: {critical: …}} asks), whatever lane it travels on.
 */
public record Notification(UUID id, TenantId tenant, String type, Priority priority, String idempotencyKey,
                           Instant createdAt, String requestHash, TraceParent trace, boolean critical) {
    public Notification(UUID id, TenantId tenant, String type, Priority priority, String idempotencyKey,
                        Instant createdAt, String requestHash, TraceParent trace) {
        this(id, tenant, type, priority, idempotencyKey, createdAt, requestHash, trace, false);
    }

    public Notification(UUID id, TenantId tenant, String type, Priority priority, String idempotencyKey,
                        Instant createdAt, String requestHash) {
        this(id, tenant, type, priority, idempotencyKey, createdAt, requestHash, null);
    }

    public Notification(UUID id, TenantId tenant, String type, Priority priority, String idempotencyKey,
                        Instant createdAt) {
        this(id, tenant, type, priority, idempotencyKey, createdAt, null);
    }
}
