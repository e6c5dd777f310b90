package dev.herald.server.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.herald.core.limits.Limit;
import dev.herald.core.limits.RateLimiter;
import dev.herald.core.tenancy.ApiKeys;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Keeps unauthenticated traffic cheap: a key found unknown is remembered for a moment (a flood of one wrong key
 * costs one database read), and a client address that keeps failing is refused for a while without a look-up.
 */
public final class FailedAuthentications {
    private final RateLimiter limiter;
    private final Limit perAddress;
    private final Clock clock;
    private final Cache<String, Boolean> unknownKeys;
    private final Cache<String, Instant> blockedUntil;

    /**
     * @param perAddress     failed authentications one client address may have before it gets 429
     * @param rememberUnknown how long a key found unknown is answered 401 without asking the store again; a key
     *                        issued in the meantime works once this has passed
     */
    public FailedAuthentications(RateLimiter limiter, Limit perAddress, Duration rememberUnknown, Clock clock) {
        this.limiter = limiter;
        this.perAddress = perAddress;
        this.clock = clock;
        this.unknownKeys = Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(rememberUnknown).build();
        this.blockedUntil = Caffeine.newBuilder().maximumSize(100_000).expireAfterWrite(perAddress.period()).build();
    }

    public boolean isKnownUnknown(String key) {
        return unknownKeys.getIfPresent(ApiKeys.hash(key)) != null;
    }

    /** Kept by hash: whatever a caller sends as a key (up to a header's size), an entry stays small. */
    public void rememberUnknown(String key) {
        unknownKeys.put(ApiKeys.hash(key), Boolean.TRUE);
    }

    /** How long the address must still wait, if it is over its budget of failures. */
    public Optional<Duration> blocked(String address) {
        Instant until = blockedUntil.getIfPresent(address);
        if (until == null) {
            return Optional.empty();
        }
        Duration left = Duration.between(clock.instant(), until);
        return left.isPositive() ? Optional.of(left) : Optional.empty();
    }

    /** Counts one failure of the address; answers how long it must wait if this one took it over its budget. */
    public Optional<Duration> failed(String address) {
        RateLimiter.Decision decision = limiter.tryAcquire("auth-failures:" + address, perAddress);
        if (decision.allowed()) {
            return Optional.empty();
        }
        Duration wait = decision.retryAfter().isPositive() ? decision.retryAfter() : Duration.ofSeconds(1);
        blockedUntil.put(address, clock.instant().plus(wait));
        return Optional.of(wait);
    }

    public Limit limit() {
        return perAddress;
    }
}
