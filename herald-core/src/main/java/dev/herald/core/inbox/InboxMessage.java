package dev.herald.core.inbox;

import java.time.Instant;
import java.util.UUID;

/** One message in a user's in-app inbox; {@code readAt} and {@code archivedAt} are null until that happens. */
public record InboxMessage(UUID id, String userId, UUID deliveryId, UUID notificationId, String type, String title,
                           String body, Instant createdAt, Instant readAt, Instant archivedAt) {
    public boolean isRead() {
        return readAt != null;
    }
}
