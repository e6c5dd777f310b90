package dev.herald.core.intake;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

/**
 * Lets urgent requests ahead of bulk batches for the CPU. Requests run on virtual threads that share a few carrier
 * threads in turn: with dozens of bulk batches being validated and planned at once, a CRITICAL request waits its
 * turn behind all of them. So for {@code linger} after a CRITICAL or HIGH notification arrived, batches without one
 * are accepted at most {@code bulkPermits} at a time (the others wait, parked, before any work is done for them);
 * with no urgent traffic they all run at once, as before. Nothing about what a batch's answer means changes: a
 * batch still answers only once its notifications are committed.
 */
public final class BulkIntakeGate {
    private final Clock clock;
    private final Duration linger;
    private final Semaphore permits;
    private volatile Instant yieldUntil = Instant.MIN;

    public BulkIntakeGate(Clock clock, Duration linger, int bulkPermits) {
        if (bulkPermits < 1) {
            throw new IllegalArgumentException("bulkPermits must be at least 1, so bulk batches always move");
        }
        this.clock = clock;
        this.linger = linger;
        this.permits = new Semaphore(bulkPermits, true);
    }

    /** A gate that never holds a batch back. */
    public static BulkIntakeGate open(Clock clock) {
        return new BulkIntakeGate(clock, Duration.ZERO, 1);
    }

    /** A CRITICAL or HIGH notification is being accepted: bulk batches yield from now until {@code linger} after. */
    public void urgentArrived() {
        yieldUntil = clock.instant().plus(linger);
    }

    /** True while bulk batches are being accepted a few at a time. */
    public boolean yielding() {
        return clock.instant().isBefore(yieldUntil);
    }

    /** Runs a bulk batch's acceptance, waiting first for a permit while urgent traffic is about. */
    public <T> T bulk(Supplier<T> acceptance) {
        if (!yielding()) {
            return acceptance.get();
        }
        permits.acquireUninterruptibly();
        try {
            return acceptance.get();
        } finally {
            permits.release();
        }
    }

    /** Bulk batches waiting for a permit. */
    public int waiting() {
        return permits.getQueueLength();
    }
}
