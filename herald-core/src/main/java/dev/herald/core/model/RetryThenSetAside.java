package dev.herald.core.model;

import java.time.Duration;
import java.time.Instant;

/**
 * How a background runner treats an item (a workflow step, a broadcast) whose round fails: tried again after a pause
 * that doubles from {@code firstBackoff} up to {@code maxBackoff}, and set aside after {@code maxAttempts} failures,
 * so one item that fails every time never stands first in every round. A failure that passes by itself (a database
 * outage, see {@link PassingFailures}) waits the same pause but is not counted, so it never sets an item aside.
 */
public record RetryThenSetAside(int maxAttempts, Duration firstBackoff, Duration maxBackoff) {

    public RetryThenSetAside {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
        if (firstBackoff == null || maxBackoff == null || firstBackoff.isNegative()
                || maxBackoff.compareTo(firstBackoff) < 0) {
            throw new IllegalArgumentException("backoffs must be set, not negative, and maxBackoff >= firstBackoff");
        }
    }

    /** Five attempts: the first, then after 1 s, 2 s, 4 s and 8 s; set aside after the fifth failure. */
    public static RetryThenSetAside defaults() {
        return new RetryThenSetAside(5, Duration.ofSeconds(1), Duration.ofMinutes(5));
    }

    /** After this many failures the item is set aside. */
    public boolean spent(int failures) {
        return failures >= maxAttempts;
    }

    /** When the item is tried again after its {@code failures}-th failure (1-based). */
    public Instant retryAt(int failures, Instant now) {
        // Shifting past 30 would overflow; by then the cap is the answer anyway.
        int doublings = Math.min(Math.max(0, failures - 1), 30);
        Duration backoff = firstBackoff.multipliedBy(1L << doublings);
        return now.plus(backoff.compareTo(maxBackoff) > 0 ? maxBackoff : backoff);
    }

    /**
     * What one more failure does to an item that had {@code before} counted failures: a failure of the item counts
     * and waits {@link #retryAt}; a passing one waits as long as a counted one would but leaves the count, so it is
     * never spent by it.
     */
    public Setback after(int before, RoundFailure failure, Instant now) {
        int attempts = failure.passing() ? before : before + 1;
        return new Setback(attempts, retryAt(before + 1, now), !failure.passing() && spent(attempts));
    }

    /** What one failure did to its item: how many it has had, when it is tried next, whether its attempts are spent. */
    public record Setback(int attempts, Instant retryAt, boolean spent) {
    }
}
