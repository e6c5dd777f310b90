package dev.herald.core.channel;

import dev.herald.core.model.Channel;

import java.util.Collection;
import java.util.EnumMap;
import java.util.Map;

/** The provider that carries each channel. */
public final class ChannelProviders {
    private final Map<Channel, ChannelProvider> byChannel = new EnumMap<>(Channel.class);

    public ChannelProviders(Collection<ChannelProvider> providers) {
        for (ChannelProvider provider : providers) {
            ChannelProvider previous = byChannel.putIfAbsent(provider.channel(), provider);
            if (previous != null) {
                throw new IllegalArgumentException("two providers for " + provider.channel() + ": "
                        + previous.name() + " and " + provider.name());
            }
        }
        for (Channel channel : Channel.values()) {
            if (!byChannel.containsKey(channel)) {
                throw new IllegalArgumentException("no provider configured for channel " + channel);
            }
        }
    }

    public ChannelProvider forChannel(Channel channel) {
        return byChannel.get(channel);
    }
}
