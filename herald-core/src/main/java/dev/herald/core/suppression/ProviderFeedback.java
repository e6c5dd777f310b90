package dev.herald.core.suppression;

import dev.herald.core.model.DeliveryStatus;
import dev.herald.core.model.TenantId;
import dev.herald.core.notification.DeliveryRef;
import dev.herald.core.notification.NotificationStore;

import java.util.Optional;
import java.util.UUID;

/**
 * Applies a provider's verified feedback: a hard bounce (or an invalid number) fails the delivery it is about, with
 * the reason in its history and a status event like any other change; a hard bounce, an invalid number or a
 * complaint puts the address on the tenant's suppression list naming that delivery. A soft bounce changes nothing.
 * Applying the same event twice changes nothing the second time: the status machine refuses FAILED again and the
 * list keeps its first entry.
 */
public final class ProviderFeedback {
    private final NotificationStore notifications;
    private final SuppressionList suppressions;

    public ProviderFeedback(NotificationStore notifications, SuppressionList suppressions) {
        this.notifications = notifications;
        this.suppressions = suppressions;
    }

    /** What an event did, as counted by provider and outcome. */
    public enum Outcome {
        /** The delivery moved or the address was added (or both). */
        APPLIED,
        /** Seen before: nothing changed. */
        DUPLICATE,
        /** A soft bounce: only counted. */
        SOFT_BOUNCE;

        public String value() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    public Outcome apply(TenantId tenant, FeedbackEvent event) {
        if (event.kind() == FeedbackEvent.Kind.SOFT_BOUNCE) {
            return Outcome.SOFT_BOUNCE;
        }
        Optional<DeliveryRef> delivery = Optional.ofNullable(event.providerMessageId())
                .flatMap(id -> notifications.findDeliveryByProviderMessageId(tenant, id));
        boolean moved = false;
        if (delivery.isPresent() && event.kind() != FeedbackEvent.Kind.COMPLAINT) {
            // SENT -> FAILED is allowed; DELIVERED -> FAILED is not (a later bounce of a message the provider
            // reported delivered is rare and leaves the delivery as it stands; the address is suppressed anyway).
            moved = notifications.recordReceipt(tenant, delivery.get().id(), DeliveryStatus.FAILED, event.at(),
                    reason(event));
        }
        UUID deliveryId = delivery.map(DeliveryRef::id).orElse(null);
        boolean added = suppressions.add(tenant, new Suppression(event.address(), reasonOf(event.kind()),
                event.source(), event.at(), deliveryId));
        return moved || added ? Outcome.APPLIED : Outcome.DUPLICATE;
    }

    private static String reason(FeedbackEvent event) {
        String what = event.kind() == FeedbackEvent.Kind.INVALID_NUMBER ? "invalid number" : "bounced";
        return what + " (" + event.source().value() + (event.detail() == null ? "" : ": " + event.detail()) + ")";
    }

    private static SuppressionReason reasonOf(FeedbackEvent.Kind kind) {
        return switch (kind) {
            case HARD_BOUNCE -> SuppressionReason.HARD_BOUNCE;
            case COMPLAINT -> SuppressionReason.COMPLAINT;
            case INVALID_NUMBER -> SuppressionReason.INVALID_NUMBER;
            case SOFT_BOUNCE -> throw new IllegalArgumentException("a soft bounce suppresses nothing");
        };
    }
}
