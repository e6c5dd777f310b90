package dev.herald.core.suppression;

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
 * delivery. A soft bounce changes nothing. Applying the same event twice changes nothing the second time: the status
 * machine refuses FAILED again, a delivery's history holds one complaint, and the list keeps its first entry.
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
        SOFT_BOUNCE;

        public String value() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    public Outcome apply(TenantId tenant, FeedbackEvent event) {
        if (event.kind() == FeedbackEvent.Kind.SOFT_BOUNCE) {
            return Outcome.SOFT_BOUNCE;
        }
        Optional<DeliveryRef> delivery = delivery(tenant, event);
        boolean recorded = false;
        if (delivery.isPresent()) {
            UUID id = delivery.get().id();
            recorded = event.kind() == FeedbackEvent.Kind.COMPLAINT
                    ? notifications.recordEvent(tenant, id, DeliveryEvent.COMPLAINT, event.at(), reason(event))
                    : notifications.recordBounce(tenant, id, event.at(), reason(event));
        }
        UUID deliveryId = delivery.map(DeliveryRef::id).orElse(null);
        boolean added = suppressions.add(tenant, new Suppression(event.address(), reasonOf(event.kind()),
                event.source(), event.at(), deliveryId));
        return recorded || added ? Outcome.APPLIED : Outcome.DUPLICATE;
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
        };
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
