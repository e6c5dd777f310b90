package dev.herald.server.config;

import dev.herald.core.model.FailureKind;
import dev.herald.jdbc.JdbcStores;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Periodic work a worker does besides sending: merging digests whose window has closed (every
 * {@code herald.digest.check-every}), and forgetting dedup hashes whose window has passed (a bounded batch a
 * minute, so it never competes with the dispatchers for long).
 */
final class Housekeeping implements SmartLifecycle {
    private static final Logger LOG = LoggerFactory.getLogger(Housekeeping.class);
    private static final int SWEEP_BATCH = 10_000;

    private final JdbcStores stores;
    private final Clock clock;
    private final boolean enabled;
    private final dev.herald.core.clock.IdGenerator ids;
    private final dev.herald.core.dispatch.LaneSignals signals;
    private final java.time.Duration digestEvery;
    private final dev.herald.core.digest.DigestContent digestContent = new dev.herald.core.digest.DigestContent();
    private ScheduledExecutorService scheduler;

    Housekeeping(JdbcStores stores, Clock clock, boolean enabled, dev.herald.core.clock.IdGenerator ids,
                 dev.herald.core.dispatch.LaneSignals signals, java.time.Duration digestEvery) {
        this.stores = stores;
        this.clock = clock;
        this.enabled = enabled;
        this.ids = ids;
        this.signals = signals;
        this.digestEvery = digestEvery;
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
        scheduler.scheduleWithFixedDelay(this::collapseDigests, digestEvery.toMillis(), digestEvery.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** Turns every closed digest into its one delivery and wakes that lane. */
    void collapseDigests() {
        try {
            java.util.List<dev.herald.core.digest.DigestStore.DigestRef> due;
            int rounds = 0;
            do {
                due = stores.digests().dueDigests(clock.instant(), 100);
                for (var digest : due) {
                    try {
                        stores.digests().collapse(digest, clock.instant(), ids.next(), digestContent::render)
                                .ifPresent(collapsed -> signals.wake(collapsed.lane()));
                    } catch (RuntimeException e) {
                        // One digest failing must not hold back the others; it is tried again next round.
                        LOG.warn("digest {} could not be collapsed: {}", digest.key().hashCode(), FailureKind.of(e));
                    }
                }
            } while (due.size() == 100 && ++rounds < 20);
        } catch (RuntimeException e) {
            // The items stay in place; the next round merges them.
            LOG.warn("digest collapse failed: {}", FailureKind.of(e));
        }
    }

    void sweep() {
        try {
            int gone;
            do {
                gone = stores.dedup().sweep(clock.instant(), SWEEP_BATCH);
            } while (gone == SWEEP_BATCH);
        } catch (RuntimeException e) {
            // Next minute will try again; a failed sweep only leaves expired hashes a little longer.
            LOG.warn("dedup sweep failed: {}", FailureKind.of(e));
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
