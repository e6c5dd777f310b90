package dev.herald.server.config;

import dev.herald.core.fanout.BroadcastRunner;
import org.springframework.context.SmartLifecycle;

/** Starts the broadcast runner with the application (worker role only) and stops it, freeing its lease. */
final class BroadcastLifecycle implements SmartLifecycle {
    private final BroadcastRunner runner;
    private final boolean worker;

    BroadcastLifecycle(BroadcastRunner runner, boolean worker) {
        this.runner = runner;
        this.worker = worker;
    }

    @Override
    public void start() {
        if (worker) {
            runner.start();
        }
    }

    @Override
    public void stop() {
        runner.stop();
    }

    @Override
    public boolean isRunning() {
        return runner.isRunning();
    }
}
