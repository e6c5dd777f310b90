package dev.herald.server.config;

import dev.herald.core.dispatch.Housekeeping;
import org.springframework.context.SmartLifecycle;

/** Starts the periodic digest merge and dedup sweep with the application (worker role only) and stops them. */
final class HousekeepingLifecycle implements SmartLifecycle {
    private final Housekeeping housekeeping;
    private final boolean worker;

    /** @param worker whether this node is a worker ({@code herald.roles}); only workers do housekeeping */
    HousekeepingLifecycle(Housekeeping housekeeping, boolean worker) {
        this.housekeeping = housekeeping;
        this.worker = worker;
    }

    @Override
    public void start() {
        if (worker) {
            housekeeping.start();
        }
    }

    @Override
    public void stop() {
        housekeeping.stop();
    }

    @Override
    public boolean isRunning() {
        return housekeeping.isRunning();
    }
}
