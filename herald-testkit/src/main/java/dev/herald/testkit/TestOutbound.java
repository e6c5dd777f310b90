package dev.herald.testkit;

import dev.herald.core.channel.OutboundMessage;
import dev.herald.core.model.Channel;
import dev.herald.core.model.Message;
import dev.herald.core.model.TenantId;

import java.util.Map;
import java.util.UUID;

/** Messages as the dispatcher hands them to a provider, for provider tests. */
public final class TestOutbound {
    private TestOutbound() {
    }

    public static OutboundMessage to(Channel channel, String address, Message message) {
        return new OutboundMessage(UUID.randomUUID(), TenantId.defaultTenant(), UUID.randomUUID(), "order.shipped",
                channel, "user-1", address, message);
    }

    public static OutboundMessage to(Channel channel, String address, String title, String text) {
        return to(channel, address, new Message(title, text, null));
    }

    public static OutboundMessage to(Channel channel, String address, String title, String text,
                                     Map<String, Object> data) {
        return to(channel, address, new Message(title, text, null, data));
    }
}
