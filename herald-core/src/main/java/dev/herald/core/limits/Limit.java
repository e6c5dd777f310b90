package dev.herald.core.limits;

import java.time.Duration;

/** At most {@code capacity} in any {@code period}, refilled smoothly (a token bucket). */
public record Limit(long capacity, Duration period) {
    public Limit {
        if (capacity < 1 || period == null || period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("a limit needs a capacity of at least 1 and a positive period");
        }
    }

    /** A short stable description, used in keys and in the RateLimit-Policy header ({@code 100;w=1}). */
    public String policy() {
        return capacity + ";w=" + Math.max(1, period.toSeconds());
    }
}
