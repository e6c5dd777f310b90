package dev.herald.core.dispatch;

import dev.herald.core.model.FailureKind;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Write-behind of send outcomes: senders hand results over, and one thread commits them in groups.
 * Throughput comes from fewer commits, not from skipping durability: until an outcome is committed its
 * delivery is still leased, and if the process dies the lease runs out and the delivery is sent again.
 * Each submit returns a future completed once the outcome is committed; dispatchers free a send slot only
 * then, so a slow database slows claiming instead of letting unrecorded outcomes pile up past their leases.
 *
 * <p>One outcome the store refuses (a provider's answer it cannot hold) must never hold up the others: a group
 * that fails is written again one outcome at a time, and an outcome that still fails on its own while the store
 * takes others is set aside (written without the provider's text, see {@link Outcome#withoutProviderText}). Only
 * when nothing at all can be written, the store itself is down, does the writer wait and try the group again.
 */
public final class OutcomeWriter {
    private static final System.Logger LOG = System.getLogger(OutcomeWriter.class.getName());
    /** Failed rounds, with nothing written in any of them, after which an outcome is set aside anyway. */
    private static final int ROUNDS_BEFORE_SETTING_ASIDE = 3;

    private final DeliveryQueue queue;
    private final List<OutcomeListener> listeners;
    private final int maxBatch;
    private final LinkedBlockingQueue<Pending> pending = new LinkedBlockingQueue<>();
    private Thread flusher;
    private volatile boolean running;

    public OutcomeWriter(DeliveryQueue queue, List<OutcomeListener> listeners, int maxBatch) {
        this.queue = queue;
        this.listeners = List.copyOf(listeners);
        this.maxBatch = maxBatch;
    }

    /** Starts (or restarts, after {@link #stop}) the thread that commits outcomes. */
    public synchronized void start() {
        if (flusher != null && flusher.isAlive()) {
            return;
        }
        running = true;
        flusher = Thread.ofPlatform().name("herald-outcome-writer").daemon().start(this::flushLoop);
    }

    /** True while the thread that commits outcomes is alive. */
    public synchronized boolean running() {
        return flusher != null && flusher.isAlive();
    }

    private record Pending(Outcome outcome, CompletableFuture<Void> written) {
        void done() {
            written.complete(null);
        }
    }

    /** @return completed when the outcome is committed (or, at shutdown, given up on: its lease will run out) */
    public CompletableFuture<Void> submit(Outcome outcome) {
        Pending p = new Pending(outcome, new CompletableFuture<>());
        pending.add(p);
        return p.written();
    }

    /** Stops after writing what is pending, waiting at most {@code timeout}. */
    public synchronized void stop(Duration timeout) throws InterruptedException {
        running = false;
        if (flusher != null) {
            flusher.join(timeout);
        }
    }

    private void flushLoop() {
        List<Pending> batch = new ArrayList<>(maxBatch);
        while (running || !pending.isEmpty()) {
            try {
                Pending first = pending.poll(50, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                pending.drainTo(batch, maxBatch - 1);
                write(batch);
                batch.clear();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                releaseWaiting(batch);
                return;
            } catch (RuntimeException | Error unexpected) {
                // A bug or an out-of-memory must not wedge every lane behind this thread: free the waiting
                // senders (their deliveries are still leased and come back) and keep writing.
                LOG.log(Level.ERROR, "outcome writer failed ({0}); the affected deliveries will be retried after"
                        + " their lease", FailureKind.of(unexpected));
                batch.forEach(Pending::done);
                batch.clear();
            }
        }
    }

    /** Frees senders waiting on outcomes that will not be written here; their leases will run out instead. */
    private void releaseWaiting(List<Pending> batch) {
        batch.forEach(Pending::done);
        List<Pending> rest = new ArrayList<>();
        pending.drainTo(rest);
        rest.forEach(Pending::done);
    }

    /** Writes the group, isolating what the store refuses; returns once every outcome is written or given up. */
    private void write(List<Pending> batch) throws InterruptedException {
        if (commit(batch)) {
            return;
        }
        List<Pending> left = new ArrayList<>(batch);
        long backoffMillis = 100;
        int roundsWithoutProgress = 0;
        while (true) {
            // Outcomes that came in meanwhile join the round: written, they free their senders, and they tell a
            // store that refuses one outcome apart from a store that is down.
            pending.drainTo(left, Math.max(0, maxBatch - left.size()));
            List<Pending> failed = new ArrayList<>();
            RuntimeException lastFailure = null;
            for (Pending p : left) {
                try {
                    commitOrThrow(List.of(p));
                } catch (RuntimeException e) {
                    failed.add(p);
                    lastFailure = e;
                }
            }
            if (failed.isEmpty()) {
                return;
            }
            boolean storeTookOthers = failed.size() < left.size();
            roundsWithoutProgress = storeTookOthers ? 0 : roundsWithoutProgress + 1;
            if (storeTookOthers || roundsWithoutProgress >= ROUNDS_BEFORE_SETTING_ASIDE) {
                failed = setAside(failed, lastFailure, storeTookOthers);
                if (failed.isEmpty()) {
                    return;
                }
            }
            if (!running) {
                // Shutting down with the store unreachable: the leases will run out and the work is redone.
                LOG.log(Level.WARNING, "dropping {0} unwritten outcomes at shutdown; their deliveries will be retried",
                        failed.size());
                failed.forEach(Pending::done);
                return;
            }
            LOG.log(Level.WARNING, "could not record {0} outcomes, retrying in {1} ms: {2}", failed.size(),
                    backoffMillis, FailureKind.of(lastFailure));
            try {
                Thread.sleep(backoffMillis);
            } catch (InterruptedException e) {
                failed.forEach(Pending::done);
                throw e;
            }
            backoffMillis = Math.min(backoffMillis * 2, 5_000);
            left = failed;
        }
    }

    /**
     * Writes each outcome without the provider's text. When the store took other outcomes meanwhile and still
     * refuses this one, it is given up: its sender is freed and the lease brings the delivery back (a delivery that
     * keeps coming back is made DEAD before it is sent again, see {@link OutcomeRules#beforeSend}).
     *
     * @return the outcomes still waiting to be written because the store took nothing
     */
    private List<Pending> setAside(List<Pending> failed, RuntimeException why, boolean storeTookOthers) {
        List<Pending> stillWaiting = new ArrayList<>();
        String note = "the provider's answer could not be stored (" + FailureKind.of(why) + ") and was left out";
        for (Pending p : failed) {
            Pending stripped = new Pending(p.outcome().withoutProviderText(note), p.written());
            try {
                commitOrThrow(List.of(stripped));
                LOG.log(Level.WARNING, "delivery {0}: outcome {1} recorded without the provider''s answer, which the"
                        + " store refused ({2})", p.outcome().delivery().id(), p.outcome().status(), FailureKind.of(why));
            } catch (RuntimeException e) {
                if (storeTookOthers) {
                    LOG.log(Level.ERROR, "delivery {0}: outcome {1} cannot be stored ({2}); it will be claimed again"
                            + " after its lease", p.outcome().delivery().id(), p.outcome().status(), FailureKind.of(e));
                    p.done();
                } else {
                    stillWaiting.add(p);
                }
            }
        }
        return stillWaiting;
    }

    private boolean commit(List<Pending> batch) {
        try {
            commitOrThrow(batch);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private void commitOrThrow(List<Pending> batch) {
        long started = System.nanoTime();
        List<Outcome> recorded = queue.record(batch.stream().map(Pending::outcome).toList());
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        batch.forEach(Pending::done);
        for (OutcomeListener listener : listeners) {
            try {
                listener.committed(batch.size(), took);
                listener.recorded(recorded);
            } catch (RuntimeException e) {
                // The outcomes are committed; a listener's trouble (wait mode, metrics) must not make them look
                // unwritten and be written again.
                LOG.log(Level.WARNING, "outcome listener failed: {0}", FailureKind.of(e));
            }
        }
    }
}
