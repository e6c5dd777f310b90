package dev.herald.core.dispatch;

import java.time.Duration;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * How often and how patiently a failing delivery is retried: exponential backoff with jitter, honouring a
 * provider's Retry-After up to the cap.
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, double multiplier, Duration maxBackoff,
                          double jitter) {

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
        // Written so that NaN fails too.
        if (!(Double.isFinite(multiplier) && multiplier >= 1) || !(jitter >= 0 && jitter <= 1)) {
            throw new IllegalArgumentException("multiplier must be a number >= 1 and jitter within 0..1");
        }
        if (initialBackoff == null || maxBackoff == null || initialBackoff.isNegative()
                || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("backoffs must be set, not negative, and maxBackoff >= initialBackoff");
        }
    }

    /** Four attempts: the first, then after about 1 s, 2 s and 4 s. */
    public static RetryPolicy defaults() {
        return new RetryPolicy(4, Duration.ofSeconds(1), 2.0, Duration.ofMinutes(5), 0.2);
    }

    public boolean hasAttemptsLeftAfter(int attempt) {
        return attempt < maxAttempts;
    }

    /** The wait before the attempt after {@code attempt} (1-based). */
    public Duration backoffAfter(int attempt, Optional<Duration> retryAfter, RandomGenerator random) {
        double base = initialBackoff.toMillis() * Math.pow(multiplier, Math.max(0, attempt - 1));
        Duration backoff;
        if (!Double.isFinite(base) || base >= maxBackoff.toMillis()) {
            // Far into the retries the exponent overflows; the cap is the answer, and jitter must not make it NaN.
            backoff = maxBackoff;
        } else {
            double spread = base * jitter * (random.nextDouble() * 2 - 1);
            long millis = Math.round(Math.min(base + spread, maxBackoff.toMillis()));
            backoff = Duration.ofMillis(Math.max(0, millis));
        }
        if (retryAfter.isPresent() && retryAfter.get().compareTo(backoff) > 0) {
            backoff = retryAfter.get().compareTo(maxBackoff) > 0 ? maxBackoff : retryAfter.get();
        }
        return backoff;
    }
}
