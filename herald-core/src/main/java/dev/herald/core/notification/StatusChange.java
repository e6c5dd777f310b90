package dev.herald.core.notification;

import dev.herald.core.model.DeliveryStatus;

import java.time.Instant;

/**
 * One entry of a delivery's history: a status change, or with an {@code event} something reported about the
 * delivery that left its status as it was ({@code status} is then the status it had).
 */
public record StatusChange(DeliveryStatus status, Instant at, int attempt, String detail, DeliveryEvent event) {

    /** A status change. */
    public static StatusChange of(DeliveryStatus status, Instant at, int attempt, String detail) {
        return new StatusChange(status, at, attempt, detail, null);
    }
}
