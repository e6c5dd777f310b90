package dev.herald.core.deadletter;

import dev.herald.core.model.Channel;
import dev.herald.core.model.Priority;

import java.time.Instant;
import java.util.UUID;

/** A delivery that used up its attempts, with what an operator needs to decide: replay it or discard it. */
public record DeadLetter(UUID deliveryId, UUID notificationId, String type, Channel channel, Priority lane,
                         String userId, String address, int attempts, String provider, String lastError,
                         Instant diedAt) {
}
