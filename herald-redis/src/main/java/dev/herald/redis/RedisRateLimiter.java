package dev.herald.redis;

import dev.herald.core.limits.Limit;
import dev.herald.core.limits.RateLimiter;
import dev.herald.core.model.FailureKind;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ClientSideConfig;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.lettuce.cas.LettuceBasedProxyManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Token buckets kept in Redis (Bucket4j's Lettuce backend, compare-and-swap), so every node spends the same budget:
 * a per-API-key limit of N holds for all nodes together. A bucket's key lives until the bucket would be full again.
 * <p>
 * When Redis cannot answer (down, or slower than the connection's timeout) the request is neither refused nor let
 * through unchecked: this node's own in-process buckets decide ({@code fallback}), so each node holds the limit on its
 * own and all together at most nodes × N pass while Redis is away. Each such answer is counted
 * ({@link #fallbackAnswers()}) and the first of an outage is logged; the API client never sees the failure.
 */
public final class RedisRateLimiter implements RateLimiter {
    private static final Logger log = LoggerFactory.getLogger(RedisRateLimiter.class);

    private final ProxyManager<String> buckets;
    private final RateLimiter fallback;
    private final String prefix;
    private final AtomicLong fallbackAnswers = new AtomicLong();
    private final AtomicBoolean failing = new AtomicBoolean();

    public RedisRateLimiter(RedisConnections redis, Clock clock, RateLimiter fallback) {
        this(redis, clock, fallback, "herald:limit:");
    }

    /** @param prefix the buckets' key prefix; deployments sharing one Redis give each its own */
    public RedisRateLimiter(RedisConnections redis, Clock clock, RateLimiter fallback, String prefix) {
        this.buckets = LettuceBasedProxyManager.builderFor(redis.buckets())
                .withClientSideConfig(ClientSideConfig.getDefault()
                        .withClientClock(new ClockTime(clock))
                        .withRequestTimeout(redis.timeout())
                        .withExpirationAfterWriteStrategy(
                                ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(
                                        Duration.ofSeconds(10))))
                .build();
        this.fallback = fallback;
        this.prefix = prefix;
    }

    @Override
    public Decision tryAcquire(String key, Limit limit) {
        ConsumptionProbe probe;
        try {
            probe = buckets.builder()
                    .build(prefix + key + "|" + limit.policy(), () -> configuration(limit))
                    .tryConsumeAndReturnRemaining(1);
        } catch (RuntimeException e) {
            fallbackAnswers.incrementAndGet();
            if (failing.compareAndSet(false, true)) {
                log.warn("redis rate limits unavailable, this node's own buckets decide until it is back: {}",
                        FailureKind.of(e));
            }
            return fallback.tryAcquire(key, limit);
        }
        if (failing.compareAndSet(true, false)) {
            log.info("redis rate limits are back");
        }
        return new Decision(probe.isConsumed(), probe.getRemainingTokens(),
                Duration.ofNanos(probe.getNanosToWaitForRefill()));
    }

    /** How many answers came from this node's own buckets because Redis could not answer. */
    public long fallbackAnswers() {
        return fallbackAnswers.get();
    }

    private static BucketConfiguration configuration(Limit limit) {
        return BucketConfiguration.builder()
                .addLimit(Bandwidth.builder().capacity(limit.capacity())
                        .refillGreedy(limit.capacity(), limit.period()).build())
                .build();
    }

    /** Bucket4j's time from a {@link Clock}, so shared limits follow a test's settable clock too. */
    private record ClockTime(Clock clock) implements TimeMeter {
        @Override
        public long currentTimeNanos() {
            Instant now = clock.instant();
            return now.getEpochSecond() * 1_000_000_000L + now.getNano();
        }

        @Override
        public boolean isWallClockBased() {
            return true;
        }
    }
}
