package dev.herald.core.limits;

import java.time.Duration;

/**
 * Port: token buckets by key. The embedded implementation keeps them in this process (Bucket4j); a Redis-backed
 * one shares them across nodes.
 */
public interface RateLimiter {
    /** Takes one permit for {@code key} under {@code limit}, if one is free. */
    Decision tryAcquire(String key, Limit limit);

    /** Whether the permit was taken, what is left, and (when refused) how long until one frees up. */
    record Decision(boolean allowed, long remaining, Duration retryAfter) {
    }
}
