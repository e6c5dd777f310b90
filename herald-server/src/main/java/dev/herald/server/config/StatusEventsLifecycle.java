package dev.herald.server.config;

import dev.herald.core.statusout.StatusRelay;
import dev.herald.core.statusout.StatusWebhookSender;
import org.springframework.context.SmartLifecycle;

/** Starts the status relay and the status-webhook sender with the application (worker role only). */
final class StatusEventsLifecycle implements SmartLifecycle {
    private final StatusRelay relay;
    private final StatusWebhookSender sender;
    private final boolean worker;

    StatusEventsLifecycle(StatusRelay relay, StatusWebhookSender sender, boolean worker) {
        this.relay = relay;
        this.sender = sender;
        this.worker = worker;
    }

    @Override
    public void start() {
        if (worker) {
            relay.start();
            sender.start();
        }
    }

    @Override
    public void stop() {
        relay.stop();
        sender.stop();
    }

    @Override
    public boolean isRunning() {
        return relay.isRunning();
    }
}
