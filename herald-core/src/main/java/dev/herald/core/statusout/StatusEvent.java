package dev.herald.core.statusout;

import dev.herald.core.model.Channel;
import dev.herald.core.model.DeliveryStatus;
import dev.herald.core.model.TenantId;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;

/**
 * One status change of a delivery as it leaves Herald ({@code herald.status}, status webhooks). {@code position} is
 * its place in the outbox: the relay hands events on in that order. {@code eventId} names the change itself, the
 * same on every redelivery, so receivers can drop repeats.
 */
public record StatusEvent(long position, UUID eventId, TenantId tenant, UUID notificationId, UUID deliveryId,
                          String type, Channel channel, DeliveryStatus status, Instant at, String provider,
                          String reason) {

    /** The statuses published: every change a caller acts on (not the internal ACCEPTED, SCHEDULED, SENDING). */
    public static final Set<DeliveryStatus> PUBLISHED = Set.copyOf(EnumSet.of(DeliveryStatus.QUEUED,
            DeliveryStatus.SENT, DeliveryStatus.DELIVERED, DeliveryStatus.READ, DeliveryStatus.FAILED,
            DeliveryStatus.DEAD, DeliveryStatus.SUPPRESSED, DeliveryStatus.EXPIRED, DeliveryStatus.CANCELLED));

    public static boolean isPublished(DeliveryStatus status) {
        return PUBLISHED.contains(status);
    }
}
