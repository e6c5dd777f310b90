package dev.herald.core.notification;

import dev.herald.core.model.TenantId;
import dev.herald.core.tracking.NotificationPage;
import dev.herald.core.tracking.NotificationView;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Port: accepted notifications, their deliveries and each delivery's status history. */
public interface NotificationStore {
    /**
     * Writes the notifications and all their deliveries in one transaction.
     *
     * @throws DuplicateIdempotencyKeyException when one of them repeats a stored idempotency key; nothing is written
     */
    void save(TenantId tenant, List<NewNotification> notifications);

    Optional<NotificationView> find(TenantId tenant, UUID notificationId);

    Optional<UUID> findIdByIdempotencyKey(TenantId tenant, String idempotencyKey);

    /** The notifications that had a delivery for the user, newest first, after the cursor (exclusive). */
    NotificationPage listForUser(TenantId tenant, String userId, int limit, UUID before);
}
