package dev.herald.core.dispatch;

import dev.herald.core.model.Channel;

import java.util.EnumMap;
import java.util.Map;

/**
 * The retry policy of each channel: SMS may deserve more patience than a push whose moment passes, a webhook more
 * attempts than email. Channels without their own policy use the default.
 */
public final class RetryPolicies {
    private final RetryPolicy defaults;
    private final Map<Channel, RetryPolicy> perChannel;

    public RetryPolicies(RetryPolicy defaults, Map<Channel, RetryPolicy> perChannel) {
        this.defaults = defaults;
        this.perChannel = perChannel.isEmpty() ? Map.of() : new EnumMap<>(perChannel);
    }

    public static RetryPolicies everywhere(RetryPolicy policy) {
        return new RetryPolicies(policy, Map.of());
    }

    public RetryPolicy forChannel(Channel channel) {
        return perChannel.getOrDefault(channel, defaults);
    }
}
