package dev.herald.core.notification;

import dev.herald.core.model.DeliveryStatus;

import dev.herald.core.model.Channel;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A delivery as the API shows it, with its status history oldest first. */
public record DeliveryView(UUID id, Channel channel, String userId, String address, DeliveryStatus status,
                           int attempts, String provider, String providerMessageId, String lastError,
                           Instant createdAt, Instant updatedAt, List<StatusChange> history) {
}
