package dev.herald.server.config;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The providers {@code herald.billing.provider-prices} names, checked at start-up against the configured ones: a
 * misspelt name would otherwise bill that provider's messages at its channel's price without a word. Negative prices
 * are refused too.
 */
final class PricedProviders {
    private PricedProviders() {
    }

    static PricedProviders check(BillingProperties billing, BuiltProviders built) {
        Set<String> known = new TreeSet<>(built.byName().keySet());
        known.addAll(BuiltProviders.RESERVED);
        billing.prices().forEach((channel, price) -> requireNotNegative("herald.billing.prices." + channel, price));
        for (Map.Entry<String, BigDecimal> entry : billing.providerPrices().entrySet()) {
            String key = "herald.billing.provider-prices." + entry.getKey();
            if (!known.contains(entry.getKey())) {
                throw new StartupProblem(key + " prices '" + entry.getKey() + "', but no provider has that name",
                        "use one of " + known + " (a provider's name, as in herald.channels.*.providers)");
            }
            requireNotNegative(key, entry.getValue());
        }
        return new PricedProviders();
    }

    private static void requireNotNegative(String key, BigDecimal price) {
        if (price.signum() < 0) {
            throw new StartupProblem(key + " is negative", "give a price of 0 or more credits per message");
        }
    }
}
