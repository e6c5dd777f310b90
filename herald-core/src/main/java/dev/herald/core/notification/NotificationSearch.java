package dev.herald.core.notification;

import dev.herald.core.model.Channel;
import dev.herald.core.model.DeliveryStatus;

import java.time.Instant;

/**
 * What to look for among a tenant's notifications; every part is optional (null matches anything). {@code userId},
 * {@code status} and {@code channel} match when one delivery of the notification has them all; {@code from} is
 * inclusive and {@code to} exclusive on the accept time. Start from {@link #all()} and narrow:
 * {@code NotificationSearch.all().user("ann").status(SENT)}.
 */
public record NotificationSearch(String userId, String type, DeliveryStatus status, Channel channel, Instant from,
                                 Instant to) {

    public static NotificationSearch all() {
        return new NotificationSearch(null, null, null, null, null, null);
    }

    public NotificationSearch user(String userId) {
        return new NotificationSearch(userId, type, status, channel, from, to);
    }

    public NotificationSearch type(String type) {
        return new NotificationSearch(userId, type, status, channel, from, to);
    }

    public NotificationSearch status(DeliveryStatus status) {
        return new NotificationSearch(userId, type, status, channel, from, to);
    }

    public NotificationSearch channel(Channel channel) {
        return new NotificationSearch(userId, type, status, channel, from, to);
    }

    /** Accepted at or after {@code from} and before {@code to}; either may be null (open). */
    public NotificationSearch between(Instant from, Instant to) {
        return new NotificationSearch(userId, type, status, channel, from, to);
    }

    /** Whether a delivery must match (user, status or channel), not just the notification. */
    public boolean narrowsDeliveries() {
        return userId != null || status != null || channel != null;
    }
}
