package dev.herald.server.config;

import dev.herald.core.dispatch.Dispatchers;
import org.springframework.context.SmartLifecycle;

/** Starts the dispatchers with the application (worker role only) and stops them gracefully before it ends. */
final class DispatchLifecycle implements SmartLifecycle {
    private final Dispatchers dispatchers;
    private final HeraldProperties.Worker worker;
    private final boolean workerRole;
    private volatile boolean running;

    DispatchLifecycle(Dispatchers dispatchers, HeraldProperties.Worker worker, boolean workerRole) {
        this.dispatchers = dispatchers;
        this.worker = worker;
        this.workerRole = workerRole;
    }

    @Override
    public void start() {
        if (workerRole) {
            dispatchers.start();
            running = true;
        }
    }

    @Override
    public void stop() {
        if (running) {
            dispatchers.stop(worker.shutdownGrace());
            running = false;
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
