package dev.herald.core.routing;

import dev.herald.core.model.Channel;

import java.util.Map;
import java.util.Optional;

/** Fixed places for one channel, by notification type (the operator's Slack webhook per type, for instance). */
public final class FixedAddressesByType implements FixedAddresses {
    private final Channel channel;
    private final Map<String, String> byType;

    public FixedAddressesByType(Channel channel, Map<String, String> byType) {
        this.channel = channel;
        this.byType = Map.copyOf(byType);
    }

    @Override
    public Optional<String> fixedAddress(String type, Channel asked) {
        return asked == channel ? Optional.ofNullable(byType.get(type)) : Optional.empty();
    }
}
