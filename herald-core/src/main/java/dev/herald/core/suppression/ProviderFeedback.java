package dev.herald.core.suppression;

import dev.herald.core.model.DeliveryStatus;
import dev.herald.core.model.TenantId;
import dev.herald.core.notification.DeliveryEvent;
import dev.herald.core.notification.DeliveryRef;
import dev.herald.core.notification.NotificationStore;

import java.util.Optional;
import java.util.UUID;

/**
 * Applies a provider's verified feedback: a hard bounce (or an invalid number) fails the delivery it is about, even
 * one already called delivered (an email accepted over SMTP can bounce later), with the reason in its history and a
 * status event like any other change; a complaint is recorded in the delivery's history and leaves its status as it
 * is; a hard bounce, an invalid number or a complaint puts the address on the tenant's suppression list naming that
 * delivery. A delivery receipt moves SENT to DELIVERED and a drop SENT to FAILED, as any channel's receipts do
 * ({@link NotificationStore#recordReceipt}); they list nothing, except a drop because the address complained before.
 * A soft bounce changes nothing. Applying the same event twice changes nothing the second time: the status machine
 * refuses DELIVERED or FAILED again, a delivery's history holds one complaint, and the list keeps its first entry.
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
        /** The delivery moved, its history got the complaint, or the address was added. */
        APPLIED,
        /** Seen before: nothing changed. */
        DUPLICATE,
        /** A soft bounce: only counted. */
        SOFT_BOUNCE,
        /**
         * A receipt or a drop for a message none of the tenant's deliveries carries (sent before Herald, by another
         * system through the same account, or its delivery deleted): only counted, and still answered with a 2xx,
         * since providers post again whatever they did not get a 2xx for.
         */
        UNMATCHED;

        public String value() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    public Outcome apply(TenantId tenant, FeedbackEvent event) {
        if (event.kind() == FeedbackEvent.Kind.SOFT_BOUNCE) {
            return Outcome.SOFT_BOUNCE;
        }
        Optional<DeliveryRef> delivery = delivery(tenant, event);
        boolean recorded = delivery.isPresent() && record(tenant, delivery.get().id(), event);
        Optional<SuppressionReason> listAs = listedAs(event.kind());
        if (listAs.isEmpty()) {
            return delivery.isEmpty() ? Outcome.UNMATCHED : recorded ? Outcome.APPLIED : Outcome.DUPLICATE;
        }
        UUID deliveryId = delivery.map(DeliveryRef::id).orElse(null);
        boolean added = suppressions.add(tenant, new Suppression(event.address(), listAs.get(), event.source(),
                event.at(), deliveryId));
        return recorded || added ? Outcome.APPLIED : Outcome.DUPLICATE;
    }

    /** What the event does to its delivery; true when that changed something. */
    private boolean record(TenantId tenant, UUID id, FeedbackEvent event) {
        return switch (event.kind()) {
            case COMPLAINT -> notifications.recordEvent(tenant, id, DeliveryEvent.COMPLAINT, event.at(),
                    reason(event));
            case HARD_BOUNCE, INVALID_NUMBER -> notifications.recordBounce(tenant, id, event.at(), reason(event));
            case DELIVERED -> notifications.recordReceipt(tenant, id, DeliveryStatus.DELIVERED, event.at(),
                    reason(event));
            // A receipt's FAILED: from SENT only. A drop cannot follow a delivery; out of order, it changes nothing.
            case DROPPED, DROPPED_AFTER_BOUNCE, DROPPED_AFTER_COMPLAINT -> notifications.recordReceipt(tenant, id, DeliveryStatus.FAILED,
                    event.at(), reason(event));
            case SOFT_BOUNCE -> false;
        };
    }

    /** The first of the event's ids, in any of its forms, that names one of the tenant's deliveries. */
    private Optional<DeliveryRef> delivery(TenantId tenant, FeedbackEvent event) {
        for (String id : event.messageIds()) {
            for (String form : MessageIds.forms(id)) {
                Optional<DeliveryRef> found = notifications.findDeliveryByProviderMessageId(tenant, form);
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }

    private static String reason(FeedbackEvent event) {
        String what = switch (event.kind()) {
            case INVALID_NUMBER -> "invalid number";
            case COMPLAINT -> "complaint";
            case HARD_BOUNCE, SOFT_BOUNCE -> "bounced";
            case DELIVERED -> "delivered";
            case DROPPED, DROPPED_AFTER_BOUNCE, DROPPED_AFTER_COMPLAINT -> "dropped";
        };
        return what + " (" + event.source().value() + (event.detail() == null ? "" : ": " + event.detail()) + ")";
    }

    /** The entry an event of this kind puts on the list, if any. */
    private static Optional<SuppressionReason> listedAs(FeedbackEvent.Kind kind) {
        return Optional.ofNullable(switch (kind) {
            case HARD_BOUNCE, DROPPED_AFTER_BOUNCE -> SuppressionReason.HARD_BOUNCE;
            case COMPLAINT, DROPPED_AFTER_COMPLAINT -> SuppressionReason.COMPLAINT;
            case INVALID_NUMBER -> SuppressionReason.INVALID_NUMBER;
            case SOFT_BOUNCE, DELIVERED, DROPPED -> null;
        });
    }
}
