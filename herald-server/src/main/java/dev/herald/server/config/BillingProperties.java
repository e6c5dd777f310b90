package dev.herald.server.config;

import dev.herald.core.model.Channel;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.math.BigDecimal;
import java.util.Map;

/**
 * What one sent message costs per channel, in credits ({@code herald.billing.prices}, e.g. SMS: 8.4); a channel
 * without a price costs nothing.
 */
@ConfigurationProperties("herald.billing")
public record BillingProperties(@DefaultValue Map<Channel, BigDecimal> prices) {
    public BillingProperties {
        prices = Map.copyOf(prices);
    }

    public BigDecimal priceOf(Channel channel) {
        return prices.getOrDefault(channel, BigDecimal.ZERO);
    }
}
