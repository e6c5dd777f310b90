package dev.herald.core.inbox;

/** What a connected inbox client is told: a new message arrived, or the unread count changed. */
public sealed interface InboxEvent {
    long unread();

    record NewMessage(InboxMessage message, long unread) implements InboxEvent {
    }

    record UnreadCount(long unread) implements InboxEvent {
    }
}
