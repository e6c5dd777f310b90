package dev.herald.providers.chain;

import dev.herald.core.limits.RateLimiter;
import dev.herald.core.model.TenantId;

/**
 * Where a chain's providers take their rate permits ({@code ProviderGuards.ratePerSecond}): each chain link's own
 * in-process bucket ({@link #OWN}, one node), or a {@link RateLimiter} shared by every node (Redis), keyed by
 * provider name within {@code scope}, because a provider's rate is its account's: the installation's providers
 * share one scope, each tenant's own integrations another.
 */
public record ProviderRates(RateLimiter limiter, String scope) {
    public static final ProviderRates OWN = new ProviderRates(null, "");

    /** Permits for the installation's providers from {@code limiter}. */
    public static ProviderRates sharedBy(RateLimiter limiter) {
        return new ProviderRates(limiter, "installation");
    }

    /** The same limiter for one tenant's own providers (their accounts, not the installation's). */
    public ProviderRates forTenant(TenantId tenant) {
        return limiter == null ? OWN : new ProviderRates(limiter, "tenant:" + tenant.value());
    }

    boolean shared() {
        return limiter != null;
    }

    String key(String provider) {
        return "provider:" + scope + ":" + provider;
    }
}
