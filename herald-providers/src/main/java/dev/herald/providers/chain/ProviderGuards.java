package dev.herald.providers.chain;

import java.time.Duration;

/**
 * How one provider is protected. The breaker opens when at least {@code breakerMinimumCalls} of the last
 * {@code breakerWindow} calls were made and {@code breakerFailureRatePercent} of them failed; it stays open for
 * {@code breakerOpenFor}, then lets {@code breakerTrialCalls} through to see whether the provider recovered.
 * {@code ratePerSecond} (0 = unlimited) caps what the provider account allows; a send waits up to
 * {@code rateMaxWait} for a permit before the chain moves on to the next provider.
 */
public record ProviderGuards(int breakerWindow, int breakerMinimumCalls, float breakerFailureRatePercent,
                             Duration breakerOpenFor, int breakerTrialCalls, double ratePerSecond,
                             Duration rateMaxWait) {

    public static ProviderGuards defaults() {
        return new ProviderGuards(20, 5, 50f, Duration.ofSeconds(30), 2, 0, Duration.ofSeconds(2));
    }

    /** The longest a send may wait for a rate permit before it starts: none without a rate limit. */
    public Duration longestWaitForPermit() {
        return ratePerSecond > 0 ? rateMaxWait : Duration.ZERO;
    }

    public ProviderGuards withRate(double perSecond) {
        return new ProviderGuards(breakerWindow, breakerMinimumCalls, breakerFailureRatePercent, breakerOpenFor,
                breakerTrialCalls, perSecond, rateMaxWait);
    }
}
