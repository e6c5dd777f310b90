package dev.herald.core.model;

import java.time.Instant;
import java.util.UUID;

/**
 * A delivery a dispatcher holds a lease on. {@code attempt} counts the tries the retry policy sees (a dead-letter
 * replay starts it again). {@code claim} numbers this claim among every claim the delivery ever had and fences the
 * outcome: a result is recorded only while the row still carries the same claim, so a worker that lost its lease
 * (even one that hung through a whole retry budget and an operator's replay) cannot overwrite newer work.
 * {@code trace} is the notification's W3C trace context, null when the caller sent none. {@code critical} is whether
 * the notification's type was critical when it was accepted (not its lane: a caller may ask for the CRITICAL lane
 * for any type, which buys speed, not the exemptions of a critical type).
 */
public record ClaimedDelivery(UUID id, TenantId tenant, UUID notificationId, String type, Channel channel,
                              Priority lane, String userId, String address, Message message, int attempt,
                              Instant createdAt, Instant expiresAt, long claim, TraceParent trace,
                              boolean critical) {
    public ClaimedDelivery(UUID id, TenantId tenant, UUID notificationId, String type, Channel channel,
                           Priority lane, String userId, String address, Message message, int attempt,
                           Instant createdAt, Instant expiresAt, long claim, TraceParent trace) {
        this(id, tenant, notificationId, type, channel, lane, userId, address, message, attempt, createdAt,
                expiresAt, claim, trace, false);
    }

    public ClaimedDelivery(UUID id, TenantId tenant, UUID notificationId, String type, Channel channel,
                           Priority lane, String userId, String address, Message message, int attempt,
                           Instant createdAt, Instant expiresAt, long claim) {
        this(id, tenant, notificationId, type, channel, lane, userId, address, message, attempt, createdAt,
                expiresAt, claim, null);
    }

    /** Too late to send: a stale message (a one-time code, a "your driver is here") is worse than none. */
    public boolean isExpiredAt(Instant now) {
        return expiresAt != null && !now.isBefore(expiresAt);
    }
}
