package dev.herald.server.config;

import dev.herald.jdbc.JdbcStores;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Periodic clean-up a worker does besides sending: forgetting dedup hashes whose window has passed, a bounded
 * batch a minute so it never competes with the dispatchers for long.
 */
final class Housekeeping implements SmartLifecycle {
    private static final Logger LOG = LoggerFactory.getLogger(Housekeeping.class);
    private static final int SWEEP_BATCH = 10_000;

    private final JdbcStores stores;
    private final Clock clock;
    private final boolean enabled;
    private ScheduledExecutorService scheduler;

    Housekeeping(JdbcStores stores, Clock clock, boolean enabled) {
        this.stores = stores;
        this.clock = clock;
        this.enabled = enabled;
    }

    @Override
    public synchronized void start() {
        if (!enabled || scheduler != null) {
            return;
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "herald-housekeeping");
            t.setDaemon(true);
            return t;
        });
        scheduler.scheduleWithFixedDelay(this::sweep, 1, 1, TimeUnit.MINUTES);
    }

    void sweep() {
        try {
            int gone;
            do {
                gone = stores.dedup().sweep(clock.instant(), SWEEP_BATCH);
            } while (gone == SWEEP_BATCH);
        } catch (RuntimeException e) {
            // Next minute will try again; a failed sweep only leaves expired hashes a little longer.
            LOG.warn("dedup sweep failed: {}", e.toString());
        }
    }

    @Override
    public synchronized void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return scheduler != null;
    }
}
