package dev.herald.providers.chain;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/** What one endpoint of a provider told us about itself: its circuit breaker and its last {@code Retry-After}. */
final class EndpointHealth {
    // A provider may ask for any wait; beyond this one we ask again rather than trust a bogus header for days.
    private static final Duration MAX_COOL_DOWN = Duration.ofMinutes(15);

    private final CircuitBreaker breaker;
    private final Clock clock;
    private final AtomicReference<Instant> coolingUntil = new AtomicReference<>(Instant.MIN);

    EndpointHealth(String provider, ProviderGuards guards, Clock clock) {
        this.clock = clock;
        this.breaker = CircuitBreaker.of(provider, CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(guards.breakerWindow())
                .minimumNumberOfCalls(guards.breakerMinimumCalls())
                .failureRateThreshold(guards.breakerFailureRatePercent())
                .waitDurationInOpenState(guards.breakerOpenFor())
                .permittedNumberOfCallsInHalfOpenState(guards.breakerTrialCalls())
                .clock(clock)
                .build());
    }

    CircuitBreaker breaker() {
        return breaker;
    }

    /** How long the endpoint asked us to stay away from now on, if it did. */
    Optional<Duration> coolingFor(Instant now) {
        Instant until = coolingUntil.get();
        return now.isBefore(until) ? Optional.of(Duration.between(now, until)) : Optional.empty();
    }

    void coolDown(Duration wait) {
        coolingUntil.accumulateAndGet(clock.instant().plus(wait.compareTo(MAX_COOL_DOWN) > 0 ? MAX_COOL_DOWN : wait),
                (a, b) -> a.isAfter(b) ? a : b);
    }
}
