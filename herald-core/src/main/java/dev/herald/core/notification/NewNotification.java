package dev.herald.core.notification;

import dev.herald.core.workflow.WorkflowRun;

import java.util.List;

/**
 * A notification with all its deliveries, written together in one transaction or not at all; with its workflow run
 * (null when its type has no steps).
 */
public record NewNotification(Notification notification, List<Delivery> deliveries, WorkflowRun run) {
    public NewNotification {
        deliveries = List.copyOf(deliveries);
    }

    public NewNotification(Notification notification, List<Delivery> deliveries) {
        this(notification, deliveries, null);
    }
}
