package dev.herald.server.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Counts provider events received on the callback endpoints as {@code herald_inbound_events_total}, by provider
 * ({@code ses}, {@code sendgrid}, {@code twilio}) and outcome ({@code applied}, {@code duplicate},
 * {@code unmatched}, {@code soft-bounce}, {@code ignored}, {@code refused}, {@code subscription-confirmed},
 * {@code confirmation-failed}).
 */
public final class InboundEventCounter {
    private final MeterRegistry registry;

    public InboundEventCounter(MeterRegistry registry) {
        this.registry = registry;
    }

    public void count(String provider, String outcome) {
        Counter.builder("herald.inbound.events").description("provider events received, by provider and outcome")
                .tag("provider", provider).tag("outcome", outcome).register(registry).increment();
    }
}
