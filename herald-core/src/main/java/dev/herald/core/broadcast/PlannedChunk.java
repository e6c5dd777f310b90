package dev.herald.core.broadcast;

import dev.herald.core.notification.NewNotification;

import java.util.List;

/**
 * One chunk of a broadcast, planned: a notification per subscriber found ({@code userId} with its notification),
 * how many subscribers were left out, and the position of the chunk's last subscriber (the new cursor).
 */
public record PlannedChunk(List<ForUser> notifications, int skipped, long cursor) {
    public PlannedChunk {
        notifications = List.copyOf(notifications);
    }

    /** One subscriber's notification. */
    public record ForUser(String userId, NewNotification notification) {
    }
}
