package dev.herald.core.stats;

import dev.herald.core.model.Channel;

/**
 * How many messages of one channel a provider sent (its deliveries reached SENT) over a range of accept days.
 * {@code provider} is null for sends whose outcome named no provider.
 */
public record ProviderSends(Channel channel, String provider, long sent) {
}
