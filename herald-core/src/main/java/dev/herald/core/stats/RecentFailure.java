package dev.herald.core.stats;

import dev.herald.core.model.Channel;
import dev.herald.core.model.DeliveryStatus;

import java.time.Instant;
import java.util.UUID;

/**
 * One time a delivery FAILED or went DEAD: what it was, who carried it and why, as the delivery stood then.
 * {@code reason} is the delivery's cleaned reason (its {@code lastError}), never a provider's exception.
 * {@code currentStatus} is the delivery's status now (a dead letter replayed since may have been SENT); null when
 * the delivery is gone.
 */
public record RecentFailure(UUID id, UUID deliveryId, UUID notificationId, String userId, Channel channel,
                            String type, String provider, DeliveryStatus status, String reason, int attempts,
                            Instant failedAt, DeliveryStatus currentStatus) {
}
