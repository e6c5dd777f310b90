package dev.herald.providers.chain;

/**
 * Told about each time a chain asks a provider or passes it over, for metrics. {@code result} is one of
 * {@code sent}, {@code rejected} (the message refused), {@code failed} (a passing failure), {@code circuit-open}
 * or {@code held-back} (rate limit or the provider's own request to wait: not asked).
 */
@FunctionalInterface
public interface ProviderCalls {
    ProviderCalls NONE = (provider, result) -> { };

    void called(String provider, String result);
}
