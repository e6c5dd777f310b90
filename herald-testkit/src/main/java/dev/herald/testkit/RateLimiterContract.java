package dev.herald.testkit;

import dev.herald.core.clock.SettableClock;
import dev.herald.core.limits.Limit;
import dev.herald.core.limits.RateLimiter;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every {@link RateLimiter} does, local (one node) or shared (Redis): token buckets per key and limit, on the
 * test's clock. Each test gets fresh buckets.
 */
public abstract class RateLimiterContract {
    protected final SettableClock clock = new SettableClock(Instant.parse("2026-11-21T09:00:00Z"));

    /**
     * The limiter of node {@code index} (0 or 1) of one deployment, reading time from {@link #clock}. An
     * implementation that serves one node only (the in-process one) answers the same limiter for both.
     */
    protected abstract RateLimiter node(int index);

    private final Limit fivePerHour = new Limit(5, Duration.ofHours(1));

    @Test
    void aBudgetIsSpentThenRefilledByTheClock() {
        RateLimiter limiter = node(0);
        for (int i = 0; i < 5; i++) {
            assertThat(limiter.tryAcquire("ann:sms", fivePerHour).allowed()).isTrue();
        }

        RateLimiter.Decision refused = limiter.tryAcquire("ann:sms", fivePerHour);
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.remaining()).isZero();
        assertThat(refused.retryAfter()).isEqualTo(Duration.ofMinutes(12));

        clock.advance(Duration.ofMinutes(12));
        assertThat(limiter.tryAcquire("ann:sms", fivePerHour).allowed()).isTrue();
        assertThat(limiter.tryAcquire("ann:sms", fivePerHour).allowed()).isFalse();
    }

    @Test
    void whatIsLeftCountsDown() {
        RateLimiter limiter = node(0);
        assertThat(limiter.tryAcquire("ann:sms", fivePerHour).remaining()).isEqualTo(4);
        assertThat(limiter.tryAcquire("ann:sms", fivePerHour).remaining()).isEqualTo(3);
        RateLimiter.Decision allowed = limiter.tryAcquire("ann:sms", fivePerHour);
        assertThat(allowed.remaining()).isEqualTo(2);
        assertThat(allowed.retryAfter()).isZero();
    }

    @Test
    void eachKeyAndLimitHasItsOwnBudget() {
        RateLimiter limiter = node(0);
        Limit onePerHour = new Limit(1, Duration.ofHours(1));
        assertThat(limiter.tryAcquire("ann:sms", onePerHour).allowed()).isTrue();
        assertThat(limiter.tryAcquire("ann:sms", onePerHour).allowed()).isFalse();

        assertThat(limiter.tryAcquire("bob:sms", onePerHour).allowed()).isTrue();
        assertThat(limiter.tryAcquire("ann:email", onePerHour).allowed()).isTrue();
        assertThat(limiter.tryAcquire("ann:sms", new Limit(2, Duration.ofHours(1))).allowed()).isTrue();
    }

    @Test
    void aBudgetIsSpentByEveryNodeTogether() {
        Limit threePerHour = new Limit(3, Duration.ofHours(1));
        int allowed = 0;
        for (int i = 0; i < 8; i++) {
            if (node(i % 2).tryAcquire("api-key:k1", threePerHour).allowed()) {
                allowed++;
            }
        }
        assertThat(allowed).isEqualTo(3);
        assertThat(node(1).tryAcquire("api-key:k1", threePerHour).allowed()).isFalse();
    }
}
