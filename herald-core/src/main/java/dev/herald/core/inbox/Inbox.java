package dev.herald.core.inbox;

import dev.herald.core.model.TenantId;
import dev.herald.core.notification.NotificationStore;
import dev.herald.core.model.DeliveryStatus;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * What a user does with their inbox. Reading a message is also the delivery's receipt: the delivery moves to READ,
 * once, however often the message is opened.
 */
public final class Inbox {
    private final InboxStore store;
    private final NotificationStore notifications;
    private final InboxListener listener;
    private final Clock clock;

    public Inbox(InboxStore store, NotificationStore notifications, InboxListener listener, Clock clock) {
        this.store = store;
        this.notifications = notifications;
        this.listener = listener;
        this.clock = clock;
    }

    /**
     * Puts a sent message in its user's inbox and tells their open clients; false when the delivery's message is
     * already there (a delivery sent again after a lost lease shows once).
     */
    public boolean deliver(TenantId tenant, InboxMessage message) {
        if (!store.add(tenant, message)) {
            return false;
        }
        long unread = store.unreadCount(tenant, message.userId());
        listener.changed(tenant, message.userId(), new InboxEvent.NewMessage(message, unread));
        return true;
    }

    public InboxPage page(TenantId tenant, String userId, InboxFilter filter, int limit, UUID before) {
        return store.page(tenant, userId, filter, limit, before);
    }

    /** Empty when the user has no such message. */
    public Optional<InboxMessage> read(TenantId tenant, String userId, UUID messageId) {
        Instant now = clock.instant();
        Optional<InboxMessage> changed = store.markRead(tenant, userId, messageId, now);
        changed.ifPresent(m -> {
            notifications.recordReceipt(tenant, m.deliveryId(), DeliveryStatus.READ, now, "read in the inbox");
            tellUnreadCount(tenant, userId);
        });
        return changed.isPresent() ? changed : store.find(tenant, userId, messageId);
    }

    /** Returns how many messages were unread. */
    public int readAll(TenantId tenant, String userId) {
        Instant now = clock.instant();
        List<InboxMessage> changed = store.markAllRead(tenant, userId, now);
        for (InboxMessage m : changed) {
            notifications.recordReceipt(tenant, m.deliveryId(), DeliveryStatus.READ, now, "read in the inbox");
        }
        if (!changed.isEmpty()) {
            tellUnreadCount(tenant, userId);
        }
        return changed.size();
    }

    public boolean archive(TenantId tenant, String userId, UUID messageId) {
        boolean archived = store.archive(tenant, userId, messageId, clock.instant());
        if (archived) {
            tellUnreadCount(tenant, userId);
        }
        return archived;
    }

    public long unreadCount(TenantId tenant, String userId) {
        return store.unreadCount(tenant, userId);
    }

    private void tellUnreadCount(TenantId tenant, String userId) {
        listener.changed(tenant, userId, new InboxEvent.UnreadCount(store.unreadCount(tenant, userId)));
    }
}
