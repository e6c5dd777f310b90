package dev.herald.server.inbox;

import dev.herald.core.inbox.InboxMessage;

import java.time.Instant;
import java.util.UUID;

/** An inbox message as browsers see it: no delivery internals beyond the ids needed to correlate. */
public record InboxMessageJson(UUID id, UUID notificationId, String type, String title, String body,
                               Instant createdAt, boolean read, Instant readAt, Instant archivedAt) {
    public static InboxMessageJson of(InboxMessage m) {
        return new InboxMessageJson(m.id(), m.notificationId(), m.type(), m.title(), m.body(), m.createdAt(),
                m.isRead(), m.readAt(), m.archivedAt());
    }
}
