package dev.herald.server.config;

import dev.herald.core.model.Channel;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.math.BigDecimal;
import java.util.Map;

/**
 * What one sent message costs, in credits: per channel ({@code herald.billing.prices.SMS: 8.4}) and per provider
 * ({@code herald.billing.provider-prices.<provider name>: 7.9}, the name as in {@code herald.channels.*.providers};
 * a name with a dot is written {@code "[name.with.dot]"}). A provider's price overrides its channel's; a message
 * whose provider and channel have no price costs nothing.
 */
@ConfigurationProperties("herald.billing")
public record BillingProperties(@DefaultValue Map<Channel, BigDecimal> prices,
                                @DefaultValue Map<String, BigDecimal> providerPrices) {
    public BillingProperties {
        prices = Map.copyOf(prices);
        providerPrices = Map.copyOf(providerPrices);
    }

    /** The channel's price: what a message costs when its provider has none, and what a suppressed duplicate saves. */
    public BigDecimal priceOf(Channel channel) {
        return prices.getOrDefault(channel, BigDecimal.ZERO);
    }

    /** What a message of the channel sent by the provider (null when none was named) costs. */
    public BigDecimal priceOf(Channel channel, String provider) {
        BigDecimal own = provider == null ? null : providerPrices.get(provider);
        return own != null ? own : priceOf(channel);
    }
}
