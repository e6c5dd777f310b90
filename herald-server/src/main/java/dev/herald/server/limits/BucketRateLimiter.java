package dev.herald.server.limits;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.herald.core.limits.Limit;
import dev.herald.core.limits.RateLimiter;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import dev.herald.providers.chain.ClockTimeMeter;

import java.time.Clock;
import java.time.Duration;

/**
 * Token buckets in this process (Bucket4j), one per key and limit, forgotten after an idle day. Exact on one
 * node; several nodes share limits through herald-redis's {@code RedisRateLimiter}, which falls back to these while
 * Redis cannot answer.
 */
public final class BucketRateLimiter implements RateLimiter {
    private final Cache<String, Bucket> buckets;
    private final TimeMeter time;

    public BucketRateLimiter(Clock clock, long maxKeys) {
        // Idle buckets are forgotten only after a day and an hour: a forgotten bucket comes back full, so it must
        // outlive the longest period a limit is likely to use (10 SMS a day).
        this.buckets = Caffeine.newBuilder().maximumSize(maxKeys).expireAfterAccess(Duration.ofHours(25)).build();
        this.time = new ClockTimeMeter(clock);
    }

    @Override
    public Decision tryAcquire(String key, Limit limit) {
        Bucket bucket = buckets.get(key + "|" + limit.policy(), k -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(limit.capacity())
                        .refillGreedy(limit.capacity(), limit.period()).build())
                .withCustomTimePrecision(time)
                .build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        return new Decision(probe.isConsumed(), probe.getRemainingTokens(),
                Duration.ofNanos(probe.getNanosToWaitForRefill()));
    }
}
