package dev.herald.core.notification;

/** A notification's overall progress, derived from its deliveries (never stored, so never out of date). */
public enum NotificationState {
    ACCEPTED, IN_PROGRESS, COMPLETED
}
