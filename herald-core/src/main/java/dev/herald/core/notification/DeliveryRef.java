package dev.herald.core.notification;

import dev.herald.core.model.Channel;
import dev.herald.core.model.TenantId;
import dev.herald.core.model.DeliveryStatus;

import java.util.UUID;

/** Enough of one delivery to check a receipt against it (who owns it, who carried it, where it stands). */
public record DeliveryRef(UUID id, TenantId tenant, UUID notificationId, Channel channel, String userId,
                          DeliveryStatus status, String provider, String providerMessageId) {
}
