package dev.herald.core.dispatch;

import dev.herald.core.model.Channel;
import dev.herald.core.model.Message;
import dev.herald.core.model.Priority;
import dev.herald.core.model.TenantId;

import java.time.Instant;
import java.util.UUID;

/**
 * A delivery a dispatcher holds a lease on. {@code attempt} counts this claim and fences the outcome: a result
 * is recorded only while the row still carries the same attempt, so a worker that lost its lease cannot
 * overwrite the work of the one that took over.
 */
public record ClaimedDelivery(UUID id, TenantId tenant, UUID notificationId, String type, Channel channel,
                              Priority lane, String userId, String address, Message message, int attempt,
                              Instant createdAt, Instant expiresAt) {
    public ClaimedDelivery(UUID id, TenantId tenant, UUID notificationId, String type, Channel channel,
                           Priority lane, String userId, String address, Message message, int attempt,
                           Instant createdAt) {
        this(id, tenant, notificationId, type, channel, lane, userId, address, message, attempt, createdAt, null);
    }

    /** Too late to send: a stale message (a one-time code, a "your driver is here") is worse than none. */
    public boolean isExpiredAt(Instant now) {
        return expiresAt != null && !now.isBefore(expiresAt);
    }
}
