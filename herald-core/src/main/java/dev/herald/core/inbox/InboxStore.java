package dev.herald.core.inbox;

import dev.herald.core.model.TenantId;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Port: every user's in-app inbox. Each call is scoped to one tenant and one user. */
public interface InboxStore {
    /** Adds the message unless its delivery is already in the inbox (a re-sent delivery shows once). */
    boolean add(TenantId tenant, InboxMessage message);

    InboxPage page(TenantId tenant, String userId, InboxFilter filter, int limit, UUID before);

    long unreadCount(TenantId tenant, String userId);

    Optional<InboxMessage> find(TenantId tenant, String userId, UUID messageId);

    /** Marks one message read; returns it if it was unread before (so the caller records the receipt once). */
    Optional<InboxMessage> markRead(TenantId tenant, String userId, UUID messageId, Instant at);

    /** Marks every unread message read and returns those that changed. */
    List<InboxMessage> markAllRead(TenantId tenant, String userId, Instant at);

    boolean archive(TenantId tenant, String userId, UUID messageId, Instant at);
}
