package dev.herald.core.channel;

import dev.herald.core.model.Channel;
import dev.herald.core.model.Message;
import dev.herald.core.model.TenantId;
import dev.herald.core.model.TraceParent;

import java.util.UUID;

/**
 * What a provider is asked to carry. {@code deliveryId} doubles as the idempotency key for providers that
 * accept one, so a re-sent delivery after a crash is recognised as the same message. {@code trace} is the trace
 * context of this send (the caller's trace, Herald's hop as parent), null when the caller sent none; providers
 * whose protocol carries one pass it on (webhooks: the {@code traceparent} header). {@code unsubscribe} is the
 * email's one-click unsubscribe link, null when it carries none (critical types, other channels).
 */
public record OutboundMessage(UUID deliveryId, TenantId tenant, UUID notificationId, String type, Channel channel,
                              String userId, String address, Message message, TraceParent trace,
                              UnsubscribeLink unsubscribe) {
    public OutboundMessage(UUID deliveryId, TenantId tenant, UUID notificationId, String type, Channel channel,
                           String userId, String address, Message message, TraceParent trace) {
        this(deliveryId, tenant, notificationId, type, channel, userId, address, message, trace, null);
    }

    public OutboundMessage(UUID deliveryId, TenantId tenant, UUID notificationId, String type, Channel channel,
                           String userId, String address, Message message) {
        this(deliveryId, tenant, notificationId, type, channel, userId, address, message, null);
    }

    public String idempotencyKey() {
        return deliveryId.toString();
    }

    /** The same message to another channel's address, for a fallback such as Kakao to SMS (no email link there). */
    public OutboundMessage via(Channel otherChannel) {
        return new OutboundMessage(deliveryId, tenant, notificationId, type, otherChannel, userId, address, message,
                trace, null);
    }

    /** The same message carrying an unsubscribe link (null: none). */
    public OutboundMessage withUnsubscribe(UnsubscribeLink link) {
        return new OutboundMessage(deliveryId, tenant, notificationId, type, channel, userId, address, message,
                trace, link);
    }
}
