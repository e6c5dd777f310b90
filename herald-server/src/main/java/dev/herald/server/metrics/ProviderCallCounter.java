package dev.herald.server.metrics;

import dev.herald.providers.chain.ProviderCalls;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** {@code herald_provider_calls_total{provider,result}}: every provider a chain asked or passed over. */
public final class ProviderCallCounter implements ProviderCalls {
    private final MeterRegistry registry;

    public ProviderCallCounter(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void called(String provider, String result) {
        Counter.builder("herald.provider.calls").description("providers asked or passed over, by result")
                .tag("provider", provider).tag("result", result).register(registry).increment();
    }
}
