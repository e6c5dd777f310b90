package dev.herald.core.clock;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Runs a background round again and again on its own daemon thread, pausing after each for as long as the round
 * answers (zero: at once). Stopping lets a round in progress finish instead of interrupting it: an interrupted
 * thread in the middle of a write makes H2 close its database file (the embedded default).
 */
public final class RepeatingRound {
    private static final Duration STOP_GRACE = Duration.ofSeconds(15);

    private final String threadName;
    private final Supplier<Duration> round;
    private ScheduledExecutorService scheduler;

    /** @param round one round; answers the pause before the next */
    public RepeatingRound(String threadName, Supplier<Duration> round) {
        this.threadName = threadName;
        this.round = round;
    }

    /** Starts the rounds after {@code firstAfter}; a second start while running does nothing. */
    public synchronized void start(Duration firstAfter) {
        if (scheduler != null) {
            return;
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
        scheduler.schedule(this::loop, firstAfter.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void loop() {
        ScheduledExecutorService current;
        synchronized (this) {
            current = scheduler;
        }
        if (current == null) {
            return;
        }
        Duration pause = round.get();
        try {
            current.schedule(this::loop, pause.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopped) {
            // stop() shut the scheduler down during the round.
        }
    }

    /** Lets a round in progress finish (bounded), then stops; true when it was running. */
    public boolean stop() {
        ScheduledExecutorService stopping;
        synchronized (this) {
            stopping = scheduler;
            scheduler = null;
        }
        if (stopping == null) {
            return false;
        }
        finish(stopping);
        return true;
    }

    /** Shuts an executor down letting what it runs finish, bounded, for the same reason as {@link #stop}. */
    public static void finish(ScheduledExecutorService executor) {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            executor.shutdownNow();
        }
    }

    public synchronized boolean isRunning() {
        return scheduler != null;
    }
}
