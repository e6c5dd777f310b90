package dev.herald.server.limits;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.herald.core.limits.PermitHolders;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Permit holders in this process: exact on one node (where a lost try is claimed again by the same process), and
 * what a node remembers while Redis cannot answer. Each entry keeps its own end on the node's clock; the cache's
 * size bound and a day's expiry only keep the map small.
 */
public final class InProcessPermitHolders implements PermitHolders {
    private final Cache<String, Instant> until;
    private final Clock clock;

    public InProcessPermitHolders(Clock clock, long maxHolders) {
        this.until = Caffeine.newBuilder().maximumSize(maxHolders).expireAfterWrite(Duration.ofHours(25)).build();
        this.clock = clock;
    }

    @Override
    public boolean holds(String holder) {
        Instant end = until.getIfPresent(holder);
        return end != null && clock.instant().isBefore(end);
    }

    @Override
    public void remember(String holder, Duration period) {
        until.put(holder, clock.instant().plus(period));
    }
}
