package dev.herald.core.notification;

import java.util.List;

/** A notification with all its deliveries, written together in one transaction or not at all. */
public record NewNotification(Notification notification, List<Delivery> deliveries) {
    public NewNotification {
        deliveries = List.copyOf(deliveries);
    }
}
