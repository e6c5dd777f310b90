package dev.herald.server.config;

import dev.herald.core.clock.Background;
import org.springframework.context.SmartLifecycle;

import java.util.List;

/**
 * Starts background work with the application on worker nodes only (the runners, relays and sweeps that must not
 * run on a node that only answers the API) and stops it on shutdown, in the order given.
 */
final class WorkerLifecycle implements SmartLifecycle {
    private final List<Background> parts;
    private final boolean worker;

    /** @param worker whether this node does the work ({@code herald.roles}, or a feature's own switch) */
    WorkerLifecycle(boolean worker, Background... parts) {
        this.parts = List.of(parts);
        this.worker = worker;
    }

    @Override
    public void start() {
        if (worker) {
            parts.forEach(Background::start);
        }
    }

    @Override
    public void stop() {
        parts.forEach(Background::stop);
    }

    @Override
    public boolean isRunning() {
        return parts.stream().anyMatch(Background::isRunning);
    }
}
