package dev.herald.core.audit;

import java.time.Clock;
import java.time.Duration;

/** How long audit entries are kept ({@code herald.audit.retention}); older ones are deleted in bounded batches. */
public final class AuditRetention {
    static final int BATCH = 10_000;

    private final AuditTrail trail;
    private final Duration keep;
    private final Clock clock;

    public AuditRetention(AuditTrail trail, Duration keep, Clock clock) {
        if (keep.isNegative() || keep.isZero()) {
            throw new IllegalArgumentException("audit retention must be positive");
        }
        this.trail = trail;
        this.keep = keep;
        this.clock = clock;
    }

    /** Deletes every entry older than the retention, a batch at a time; returns how many went. */
    public int prune() {
        int total = 0;
        int gone;
        do {
            gone = trail.prune(clock.instant().minus(keep), BATCH);
            total += gone;
        } while (gone == BATCH);
        return total;
    }
}
