package dev.herald.core.dispatch;

import dev.herald.core.model.FailureKind;
import dev.herald.core.workflow.WorkflowStore;
import dev.herald.core.workflow.WorkflowStore.Fired;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs the workflow steps whose timers are due, on workers, every {@code every}: each step in its own transaction
 * (see {@link WorkflowStore#runNext}), then wakes the lanes its deliveries went on. Several workers may run at once;
 * the store hands each due step to one of them.
 */
public final class WorkflowSteps {
    private static final System.Logger LOG = System.getLogger(WorkflowSteps.class.getName());
    /** Steps run in one round before the next round is scheduled, so a backlog is worked off without hogging. */
    static final int ROUND = 500;
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);

    private final WorkflowStore store;
    private final LaneSignals signals;
    private final Clock clock;
    private final Duration every;
    private ScheduledExecutorService scheduler;

    public WorkflowSteps(WorkflowStore store, LaneSignals signals, Clock clock, Duration every) {
        this.store = store;
        this.signals = signals;
        this.clock = clock;
        this.every = every;
    }

    /** Runs due steps until none is left or a round is done; returns how many ran. */
    public int runDue() {
        int ran = 0;
        try {
            Optional<Fired> fired;
            do {
                fired = store.runNext(clock.instant());
                fired.ifPresent(f -> f.released().forEach(signals::wake));
            } while (fired.isPresent() && ++ran < ROUND);
        } catch (RuntimeException e) {
            // The step's transaction rolled back: its timer is still due, and the next round runs it.
            LOG.log(Level.WARNING, "workflow step failed: {0}", FailureKind.of(e));
        }
        return ran;
    }

    public synchronized void start() {
        if (scheduler != null) {
            return;
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "herald-workflow-steps");
            t.setDaemon(true);
            return t;
        });
        scheduler.scheduleWithFixedDelay(this::runDue, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Lets a round in progress finish (bounded): interrupting H2 mid-write closes its database file. */
    public synchronized void stop() {
        if (scheduler != null) {
            scheduler.shutdown();
            try {
                if (!scheduler.awaitTermination(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                    scheduler.shutdownNow();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                scheduler.shutdownNow();
            }
            scheduler = null;
        }
    }

    public synchronized boolean isRunning() {
        return scheduler != null;
    }
}
