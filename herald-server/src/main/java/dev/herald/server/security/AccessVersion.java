package dev.herald.server.security;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * This node's view of the access version (a single-row counter every revocation, suspension and tenant removal
 * moves on): read from the database at most once per {@code maxAge}, so whatever a node cached about keys and
 * tenants is at most that old. A later Redis implementation pushes invalidations instead of being asked.
 */
public final class AccessVersion {
    private final LongSupplier stored;
    private final long maxAgeNanos;
    private final Object reading = new Object();
    private volatile long version;
    private volatile long readAtNanos;
    private volatile boolean read;

    public AccessVersion(LongSupplier stored, Duration maxAge) {
        this.stored = stored;
        this.maxAgeNanos = maxAge.toNanos();
    }

    /** The version, read again when the last read is {@code maxAge} old; one thread reads, the others wait for it. */
    public long current() {
        if (read && System.nanoTime() - readAtNanos < maxAgeNanos) {
            return version;
        }
        synchronized (reading) {
            // Time taken before the read: the answer is at least as new as this moment.
            long now = System.nanoTime();
            if (!read || now - readAtNanos >= maxAgeNanos) {
                version = stored.getAsLong();
                readAtNanos = now;
                read = true;
            }
            return version;
        }
    }
}
