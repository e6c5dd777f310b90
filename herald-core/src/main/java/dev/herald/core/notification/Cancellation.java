package dev.herald.core.notification;

import dev.herald.core.model.DeliveryStatus;

import java.util.List;
import java.util.UUID;

/** What cancelling a notification did: which deliveries it stopped, and which had already gone out (or ended). */
public record Cancellation(UUID notificationId, List<UUID> cancelled, List<Untouched> untouched) {

    /** A delivery cancelling could not stop, and where it stands. */
    public record Untouched(UUID deliveryId, DeliveryStatus status) {
    }
}
