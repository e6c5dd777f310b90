package dev.herald.core.notification;

import dev.herald.core.model.Priority;
import dev.herald.core.model.TenantId;

import java.time.Instant;
import java.util.UUID;

/** One accepted request to notify someone; its deliveries are the units of work. */
public record Notification(UUID id, TenantId tenant, String type, Priority priority, String idempotencyKey,
                           Instant createdAt) {
}
