package dev.herald.server.metrics;

import dev.herald.core.dispatch.Outcome;
import dev.herald.core.dispatch.OutcomeListener;
import dev.herald.core.model.DeliveryStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.util.List;

/**
 * Counts committed outcomes per channel and status, and times accept→sent per lane and channel and each outcome
 * commit. Labels are channel, status and lane only: never a user, an address or a tenant's notification id.
 */
public final class OutcomeMetrics implements OutcomeListener {
    private final MeterRegistry registry;
    private final Timer writes;

    public OutcomeMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.writes = Timer.builder("herald.outcome.write")
                .description("time to commit one group of send outcomes").register(registry);
    }

    @Override
    public void recorded(List<Outcome> outcomes) {
        for (Outcome outcome : outcomes) {
            String channel = outcome.delivery().channel().name();
            Counter.builder("herald.deliveries").description("send outcomes committed, by channel and status")
                    .tag("channel", channel).tag("status", outcome.status().name())
                    .register(registry).increment();
            if (outcome.status() == DeliveryStatus.SENT) {
                Duration waited = Duration.between(outcome.delivery().createdAt(), outcome.at());
                Timer.builder("herald.accept.to.sent").description("from acceptance to the provider taking it")
                        .tag("lane", outcome.delivery().lane().name()).tag("channel", channel)
                        .publishPercentileHistogram().register(registry)
                        .record(waited.isNegative() ? Duration.ZERO : waited);
            }
        }
    }

    @Override
    public void committed(int count, Duration took) {
        writes.record(took);
    }
}
