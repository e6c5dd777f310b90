package dev.herald.core.dispatch;

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
 */
public final class OutcomeWriter {
    private static final System.Logger LOG = System.getLogger(OutcomeWriter.class.getName());

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

    private record Pending(Outcome outcome, CompletableFuture<Void> written) {
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
                write(batch.stream().map(Pending::outcome).toList());
                batch.forEach(p -> p.written().complete(null));
                batch.clear();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                releaseWaiting(batch);
                return;
            } catch (RuntimeException | Error unexpected) {
                // A bug or an out-of-memory must not wedge every lane behind this thread: free the waiting
                // senders (their deliveries are still leased and come back) and keep writing.
                LOG.log(Level.ERROR, "outcome writer failed; the affected deliveries will be retried after their lease",
                        unexpected);
                batch.forEach(p -> p.written().complete(null));
                batch.clear();
            }
        }
    }

    /** Frees senders waiting on outcomes that will not be written here; their leases will run out instead. */
    private void releaseWaiting(List<Pending> batch) {
        batch.forEach(p -> p.written().complete(null));
        List<Pending> rest = new ArrayList<>();
        pending.drainTo(rest);
        rest.forEach(p -> p.written().complete(null));
    }

    private void write(List<Outcome> batch) throws InterruptedException {
        long backoffMillis = 100;
        while (true) {
            try {
                List<Outcome> recorded = queue.record(batch);
                for (OutcomeListener listener : listeners) {
                    listener.recorded(recorded);
                }
                return;
            } catch (RuntimeException e) {
                if (!running) {
                    // Shutting down with the store unreachable: the leases will run out and the work is redone.
                    LOG.log(Level.WARNING, "dropping {0} unwritten outcomes at shutdown; their deliveries will be retried", batch.size());
                    return;
                }
                LOG.log(Level.WARNING, "could not record {0} outcomes, retrying in {1} ms: {2}", batch.size(),
                        backoffMillis, e.toString());
                Thread.sleep(backoffMillis);
                backoffMillis = Math.min(backoffMillis * 2, 5_000);
            }
        }
    }
}
