package dev.herald.core.dedup;

import dev.herald.core.dispatch.ClaimedDelivery;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Stops the same message reaching the same address twice within the window (a retried upstream job, a double
 * click): the later delivery is SUPPRESSED, naming the one it duplicates. A zero window turns it off.
 */
public final class ContentDedup {
    private final DedupGuard guard;
    private final Duration window;

    public ContentDedup(DedupGuard guard, Duration window) {
        this.guard = guard;
        this.window = window;
    }

    public static ContentDedup off() {
        return new ContentDedup((tenant, hash, id, w, now) -> Optional.empty(), Duration.ZERO);
    }

    /** The delivery this one repeats, if any; a delivery without an address has nothing to compare. */
    public Optional<UUID> duplicateOf(ClaimedDelivery delivery, Instant now) {
        if (window.isZero() || window.isNegative() || delivery.address() == null) {
            return Optional.empty();
        }
        return guard.claim(delivery.tenant(), ContentHash.of(delivery), delivery.id(), window, now);
    }

    public Duration window() {
        return window;
    }
}
