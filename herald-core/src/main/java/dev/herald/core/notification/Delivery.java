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
 */
public record Delivery(UUID id, UUID notificationId, Channel channel, Priority lane, String userId, String address,
                       DeliveryStatus status, Instant dueAt, Message message, String error, Instant createdAt,
                       Instant expiresAt, String digestKey, Instant digestDue) {
    public Delivery(UUID id, UUID notificationId, Channel channel, Priority lane, String userId, String address,
                    DeliveryStatus status, Instant dueAt, Message message, String error, Instant createdAt,
                    Instant expiresAt) {
        this(id, notificationId, channel, lane, userId, address, status, dueAt, message, error, createdAt, expiresAt,
                null, null);
    }

    public Delivery(UUID id, UUID notificationId, Channel channel, Priority lane, String userId, String address,
                    DeliveryStatus status, Instant dueAt, Message message, String error, Instant createdAt) {
        this(id, notificationId, channel, lane, userId, address, status, dueAt, message, error, createdAt, null);
    }
}
