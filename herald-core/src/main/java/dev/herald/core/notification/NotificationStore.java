package dev.herald.core.notification;

import dev.herald.core.model.TenantId;
import dev.herald.core.model.DeliveryStatus;

import java.time.Instant;
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

    Optional<IdempotentRequest> findByIdempotencyKey(TenantId tenant, String idempotencyKey);

    /**
     * Frees a key whose retention is over, so a new request may use it; the old notification keeps everything
     * else. Only the given notification's hold is released (a concurrent release or reuse is left alone).
     */
    boolean releaseIdempotencyKey(TenantId tenant, String idempotencyKey, UUID notificationId);

    /**
     * Looks a delivery up by id alone, across tenants: for provider callbacks, which prove themselves by a
     * signature rather than by an API key and so carry no tenant, and for the console's link from a suppression to
     * its delivery, which checks the tenant it finds.
     */
    Optional<DeliveryRef> findDelivery(UUID deliveryId);

    /**
     * The tenant's delivery a provider names by the message id it returned at the send (for email, the Message-ID
     * header), for provider events that come back by that id; the most recent one if a retry reused the id.
     */
    Optional<DeliveryRef> findDeliveryByProviderMessageId(TenantId tenant, String providerMessageId);

    /**
     * Records what happened after the send (delivered, read, failed on the handset), if the status machine allows
     * the move from where the delivery stands; a late or repeated receipt changes nothing.
     *
     * @return true when the status changed
     */
    boolean recordReceipt(TenantId tenant, UUID deliveryId, DeliveryStatus to, Instant at, String detail);

    /**
     * Fails a delivery a provider bounced ({@code StatusMove.BOUNCE}: from SENT, or from DELIVERED, since an email
     * accepted over SMTP can bounce after it was called delivered), counted and published like a receipt; a bounce
     * that overtakes the send's outcome is kept for it. A repeated bounce, or one after READ, changes nothing.
     *
     * @return true when the status changed, or the bounce is kept until the send's outcome is written
     */
    boolean recordBounce(TenantId tenant, UUID deliveryId, Instant at, String detail);

    /**
     * Adds an event that leaves the status as it is (a complaint) to the delivery's history, once per delivery and
     * kind; nothing counts it and no status event is published.
     *
     * @return true when it was added; false for a repeat or a delivery the tenant does not have
     */
    boolean recordEvent(TenantId tenant, UUID deliveryId, DeliveryEvent event, Instant at, String detail);

    /**
     * Cancels every delivery of the notification that no dispatcher has taken yet (accepted, scheduled, queued,
     * including ones waiting for a retry); empty when the tenant has no such notification.
     */
    Optional<Cancellation> cancel(TenantId tenant, UUID notificationId, Instant at);

    /**
     * The tenant's notifications matching the search, every user's, newest accepted first (ties by id), after the
     * cursor (exclusive: the last id of the previous page; a cursor the tenant has no notification for gives an
     * empty page).
     */
    NotificationPage search(TenantId tenant, NotificationSearch search, int limit, UUID after);
}
