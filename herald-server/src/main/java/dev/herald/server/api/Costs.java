package dev.herald.server.api;

import dev.herald.core.model.Channel;
import dev.herald.core.stats.ProviderSends;
import dev.herald.server.config.BillingProperties;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the messages sent over a range cost, per channel: each provider's sends at that provider's price, or the
 * channel's when the provider has none ({@code herald.billing}). Read from the per-provider counters, which are
 * written with each SENT outcome, so the answer agrees with the delivery table. The console's overview uses it too.
 */
public final class Costs {
    /** One provider's sends on one channel and what they cost. {@code provider} is null when none was named. */
    record ProviderCost(String provider, BigDecimal price, long sent, BigDecimal cost) {
    }

    private final Map<Channel, List<ProviderCost>> byChannel;

    private Costs(Map<Channel, List<ProviderCost>> byChannel) {
        this.byChannel = byChannel;
    }

    public static Costs of(List<ProviderSends> sends, BillingProperties billing) {
        Map<Channel, List<ProviderCost>> byChannel = new EnumMap<>(Channel.class);
        for (ProviderSends s : sends) {
            BigDecimal price = billing.priceOf(s.channel(), s.provider());
            byChannel.computeIfAbsent(s.channel(), c -> new ArrayList<>()).add(new ProviderCost(s.provider(), price,
                    s.sent(), price.multiply(BigDecimal.valueOf(s.sent()))));
        }
        return new Costs(byChannel);
    }

    Set<Channel> channels() {
        return byChannel.keySet();
    }

    List<ProviderCost> providers(Channel channel) {
        return byChannel.getOrDefault(channel, List.of());
    }

    long sent(Channel channel) {
        return providers(channel).stream().mapToLong(ProviderCost::sent).sum();
    }

    public BigDecimal cost(Channel channel) {
        return providers(channel).stream().map(ProviderCost::cost).reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
