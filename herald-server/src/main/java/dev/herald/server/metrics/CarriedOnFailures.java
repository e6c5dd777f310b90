package dev.herald.server.metrics;

import dev.herald.core.dedup.ContentDedup;
import dev.herald.core.dispatch.DeliverySender;
import dev.herald.core.model.FailureCounts;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import java.util.List;

/** The failures the sender and dedup logged and carried on past, per step, as {@code herald_carried_on_failures}. */
public final class CarriedOnFailures implements MeterBinder {
    private final DeliverySender sender;
    private final ContentDedup dedup;

    public CarriedOnFailures(DeliverySender sender, ContentDedup dedup) {
        this.sender = sender;
        this.dedup = dedup;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        bind(registry, sender.failures(),
                List.of(DeliverySender.DEDUP_CHECK_FAILED, DeliverySender.FORGET_DEAD_ADDRESS_FAILED));
        bind(registry, dedup.failures(), List.of(ContentDedup.SAVING_NOT_COUNTED));
    }

    private static void bind(MeterRegistry registry, FailureCounts counts, List<String> steps) {
        for (String step : steps) {
            FunctionCounter.builder("herald.carried.on.failures", counts, c -> c.count(step))
                    .description("failures logged and carried on past, by step").tag("step", step)
                    .register(registry);
        }
    }
}
