package dev.herald.core.statusout;

import java.time.Clock;
import java.util.List;

/**
 * The status-webhook sink: turns each relayed event into durable pending calls, one per matching endpoint, so a
 * slow or failing endpoint never holds up the relay (or the other endpoints).
 */
public final class StatusWebhookFanOut implements StatusSink {
    private final StatusWebhookStore store;
    private final Clock clock;

    public StatusWebhookFanOut(StatusWebhookStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "status-webhooks";
    }

    @Override
    public void publish(List<StatusEvent> events) {
        store.fanOut(events, clock.instant());
    }
}
