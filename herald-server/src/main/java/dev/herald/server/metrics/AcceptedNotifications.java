package dev.herald.server.metrics;

import dev.herald.core.intake.Accepted;
import dev.herald.core.intake.BatchItem;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.List;

/** Counts notifications intake accepted, by type; a replay of an idempotency key is not a new notification. */
public final class AcceptedNotifications {
    private final MeterRegistry registry;

    public AcceptedNotifications(MeterRegistry registry) {
        this.registry = registry;
    }

    public Accepted count(Accepted accepted) {
        if (!accepted.replayed()) {
            Counter.builder("herald.notifications.accepted").description("notifications accepted, by type")
                    .tag("type", accepted.notification().type()).register(registry).increment();
        }
        return accepted;
    }

    public List<BatchItem> count(List<BatchItem> items) {
        for (BatchItem item : items) {
            if (item instanceof BatchItem.AcceptedItem(Accepted accepted)) {
                count(accepted);
            }
        }
        return items;
    }
}
