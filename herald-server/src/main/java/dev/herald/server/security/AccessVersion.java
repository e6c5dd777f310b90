package dev.herald.server.security;

import dev.herald.core.model.FailureKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * This node's view of the access version (a single-row counter every revocation, suspension and tenant removal
 * moves on): read from the database at most once per {@code maxAge}, so whatever a node cached about keys and
 * tenants is at most that old. With Redis, {@link AccessChanges} also tells every node to read it again at once.
 */
public final class AccessVersion {
    private static final Logger LOG = LoggerFactory.getLogger(AccessVersion.class);
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

    /** Another node changed access: the next {@link #current()} reads the version again, whatever its age. */
    public void forget() {
        read = false;
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
                try {
                    version = stored.getAsLong();
                } catch (RuntimeException e) {
                    // Nothing can be revoked while the database cannot be read, so the version known stays true;
                    // keys already checked keep working, and the next read is tried after maxAge, not per request.
                    LOG.warn("could not read the access version, keeping {}: {}", version, FailureKind.of(e));
                }
                readAtNanos = now;
                read = true;
            }
            return version;
        }
    }
}
