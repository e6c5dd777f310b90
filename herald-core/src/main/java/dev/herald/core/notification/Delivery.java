package dev.herald.core.notification;

import dev.herald.core.model.Channel;
import dev.herald.core.model.Message;
import dev.herald.core.model.Priority;
import dev.herald.core.model.DeliveryStatus;

import java.time.Instant;
import java.util.UUID;

/**
 * One (notification, recipient, channel) as planned at intake: the row that is the system of record for it.
 * {@code dueAt} is when a dispatcher may claim it; null once nothing is left to do. {@code expiresAt}, when set,
 * is the moment after which it must not be sent at all. A digest item waits (SCHEDULED, never claimed) under
 * {@code digestKey} until {@code digestDue}, when it is merged with the window's other items into one delivery.
 * Built through {@link #planned}: who it goes to first, then what becomes of it.
 */
public record Delivery(UUID id, UUID notificationId, Channel channel, Priority lane, String userId, String address,
                       DeliveryStatus status, Instant dueAt, Message message, String error, Instant createdAt,
                       Instant expiresAt, String digestKey, Instant digestDue) {

    // The text of a delivery that will never be sent (declined, or no address): nothing worth rendering.
    private static final Message NO_TEXT = new Message(null, "", null);

    /** A delivery of notification {@code notificationId} to {@code address} (null when there is none) on a lane. */
    public static Planned planned(UUID id, UUID notificationId, Channel channel, Priority lane, String userId,
                                  String address) {
        return new Planned(id, notificationId, channel, lane, userId, address);
    }

    /** Who a delivery goes to; each method says what becomes of it and returns the delivery. */
    public record Planned(UUID id, UUID notificationId, Channel channel, Priority lane, String userId,
                          String address) {

        /** Claimable from {@code due} on. */
        public Delivery queued(Instant due, Message message, Instant createdAt, Instant expiresAt) {
            return with(DeliveryStatus.QUEUED, due, message, null, createdAt, expiresAt, null, null);
        }

        /** Waiting until {@code due} (a send time, the end of quiet hours), {@code why} when it says more. */
        public Delivery scheduled(Instant due, Message message, String why, Instant createdAt, Instant expiresAt) {
            return with(DeliveryStatus.SCHEDULED, due, message, why, createdAt, expiresAt, null, null);
        }

        /** A digest item: never claimed, merged with its window's other items under {@code key} at {@code closes}. */
        public Delivery digestItem(Message message, Instant createdAt, Instant expiresAt, String key,
                                   Instant closes) {
            return with(DeliveryStatus.SCHEDULED, null, message, null, createdAt, expiresAt, key, closes);
        }

        /** Not sent on purpose (the recipient declined the channel), with why. */
        public Delivery suppressed(String why, Instant createdAt) {
            return with(DeliveryStatus.SUPPRESSED, null, NO_TEXT, why, createdAt, null, null, null);
        }

        /** Cannot be sent at all (no address), with why. */
        public Delivery failed(String why, Instant createdAt) {
            return with(DeliveryStatus.FAILED, null, NO_TEXT, why, createdAt, null, null, null);
        }

        private Delivery with(DeliveryStatus status, Instant due, Message message, String error, Instant createdAt,
                              Instant expiresAt, String digestKey, Instant digestDue) {
            return new Delivery(id, notificationId, channel, lane, userId, address, status, due, message, error,
                    createdAt, expiresAt, digestKey, digestDue);
        }
    }
}
