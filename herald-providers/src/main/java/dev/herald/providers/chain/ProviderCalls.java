package dev.herald.providers.chain;

import java.util.List;

/**
 * Told about each time a chain asks a provider or passes it over, for metrics. {@code result} is one of
 * {@code sent}, {@code rejected} (the message refused), {@code failed} (a passing failure), {@code circuit-open}
 * or {@code held-back} (rate limit or the provider's own request to wait: not asked).
 */
@FunctionalInterface
public interface ProviderCalls {
    ProviderCalls NONE = (provider, result) -> { };
    /** The result of a passing failure (it counts against the provider's breaker). */
    String FAILED = "failed";
    /** Every result a call can have. */
    List<String> RESULTS = List.of("sent", "rejected", FAILED, "circuit-open", "held-back");

    void called(String provider, String result);
}
