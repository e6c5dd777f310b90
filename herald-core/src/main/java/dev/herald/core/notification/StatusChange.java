package dev.herald.core.notification;

import dev.herald.core.model.DeliveryStatus;

import java.time.Instant;

/** One entry of a delivery's status history. */
public record StatusChange(DeliveryStatus status, Instant at, int attempt, String detail) {
}
