package dev.herald.providers.chain;

import dev.herald.core.channel.ChannelProvider;
import dev.herald.core.channel.OutboundMessage;
import dev.herald.core.channel.SendResult;
import dev.herald.core.limits.Limit;
import dev.herald.core.limits.RateLimiter;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * One provider behind its circuit breaker (Resilience4j), its throughput limit (Bucket4j) and the provider's own
 * request to slow down ({@code Retry-After}), which is kept so the next message does not knock again too early.
 * Breaker and {@code Retry-After} belong to the endpoint an answer speaks for ({@link ChannelProvider#endpoint}):
 * the whole provider for most, each URL for Slack and webhooks. The rate limit is the account's, so it is shared:
 * by every endpoint, and with {@link ProviderRates} shared by every node.
 */
final class GuardedProvider {
    // Endpoints are remembered up to this many (inline URLs come from callers); the least recently used goes first.
    private static final int MAX_ENDPOINTS = 10_000;

    private final ChannelProvider provider;
    private final Bucket bucket;
    // With shared rates: the limiter, this provider's key and limit, and what was left at the last permit (status).
    private final ProviderRates rates;
    private final Limit sharedLimit;
    private final AtomicLong sharedRemaining = new AtomicLong();
    private final ProviderGuards guards;
    private final Clock clock;
    private final Sleeper sleeper;
    // What the chain asked of this provider since start, by result, and its last failure: the operator's view.
    private final Map<String, LongAdder> calls = new ConcurrentHashMap<>();
    private final AtomicReference<ProviderStatus.LastError> lastError = new AtomicReference<>();
    private final Map<String, EndpointHealth> endpoints = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, EndpointHealth> eldest) {
            return size() > MAX_ENDPOINTS;
        }
    };

    GuardedProvider(ChannelProvider provider, ProviderGuards guards, Clock clock, Sleeper sleeper) {
        this(provider, guards, clock, sleeper, ProviderRates.OWN);
    }

    GuardedProvider(ChannelProvider provider, ProviderGuards guards, Clock clock, Sleeper sleeper,
                    ProviderRates rates) {
        this.provider = provider;
        this.guards = guards;
        this.clock = clock;
        this.sleeper = sleeper;
        boolean limited = guards.ratePerSecond() > 0;
        this.rates = rates;
        this.bucket = limited && !rates.shared() ? bucket(guards.ratePerSecond(), clock) : null;
        this.sharedLimit = limited && rates.shared() ? limit(guards.ratePerSecond()) : null;
        if (sharedLimit != null) {
            sharedRemaining.set(sharedLimit.capacity());
        }
    }

    /** The same budget as {@link #bucket}, for a shared {@link RateLimiter}. */
    private static Limit limit(double perSecond) {
        long capacity = Math.max(1, (long) Math.ceil(perSecond));
        return new Limit(capacity, Duration.ofNanos((long) (capacity * 1_000_000_000L / perSecond)));
    }

    /** Permits refill smoothly; capacity is one second's worth so a quiet provider can take a short burst. */
    private static Bucket bucket(double perSecond, Clock clock) {
        long capacity = Math.max(1, (long) Math.ceil(perSecond));
        Duration refillPeriod = Duration.ofNanos((long) (capacity * 1_000_000_000L / perSecond));
        return Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(capacity).refillGreedy(capacity, refillPeriod).build())
                .withCustomTimePrecision(new ClockTimeMeter(clock))
                .build();
    }

    String name() {
        return provider.name();
    }

    boolean accepts(String address) {
        return provider.accepts(address);
    }

    /** The provider's own breaker (its endpoint-wide one; per-URL providers have one per URL besides). */
    CircuitBreaker.State breakerState() {
        return healthOf("").breaker().getState();
    }

    /** Counts one call by its {@link ProviderCalls} result. */
    void counted(String result) {
        calls.computeIfAbsent(result, r -> new LongAdder()).increment();
    }

    /** How this provider stands now (calls by result in name order). */
    ProviderStatus status() {
        Map<String, Long> byResult = new TreeMap<>();
        calls.forEach((result, count) -> byResult.put(result, count.sum()));
        ProviderStatus.RateLimit rate = bucket == null && sharedLimit == null ? null
                : new ProviderStatus.RateLimit(guards.ratePerSecond(),
                Math.max(1, (long) Math.ceil(guards.ratePerSecond())),
                Math.max(0, bucket != null ? bucket.getAvailableTokens() : sharedRemaining.get()));
        CircuitBreaker.State worst = CircuitBreaker.State.CLOSED;
        int open = 0;
        synchronized (this) {
            for (EndpointHealth health : endpoints.values()) {
                CircuitBreaker.State state = health.breaker().getState();
                worst = ProviderStatus.worse(worst, state);
                open += ProviderStatus.severity(state) == 2 ? 1 : 0;
            }
        }
        return new ProviderStatus(name(), provider.channel(), worst, open, Map.copyOf(byResult), rate,
                lastError.get());
    }

    /** The longest a send through this link can take: waiting for a rate permit, then the provider's worst case. */
    Duration longestSend() {
        return guards.longestWaitForPermit().plus(provider.longestSend());
    }

    private synchronized EndpointHealth healthOf(String endpoint) {
        return endpoints.computeIfAbsent(endpoint, e -> new EndpointHealth(provider.name(), guards, clock));
    }

    /** Either the provider's answer, or why it was not asked (empty answer, reason and earliest useful retry). */
    sealed interface Attempt {
        record Answered(SendResult result) implements Attempt {
        }

        /** {@code countsAsAttempt}: an open breaker does (the provider is failing); a rate limit or wait does not. */
        record Skipped(String reason, Optional<Duration> availableIn, boolean countsAsAttempt) implements Attempt {
        }
    }

    Attempt send(OutboundMessage message) {
        String endpoint = provider.endpoint(message.address());
        // Never the endpoint itself in a reason: a Slack URL is a credential.
        String who = endpoint.isEmpty() ? name() : name() + " (this endpoint)";
        EndpointHealth health = healthOf(endpoint);
        CircuitBreaker breaker = health.breaker();
        Instant now = clock.instant();
        Optional<Duration> cooling = health.coolingFor(now);
        if (cooling.isPresent()) {
            return new Attempt.Skipped(who + " asked us to wait until " + now.plus(cooling.get()), cooling, false);
        }
        if (!breaker.tryAcquirePermission()) {
            return new Attempt.Skipped(who + " circuit open", Optional.of(guards.breakerOpenFor()), true);
        }
        Optional<Duration> throttled = takePermit();
        if (throttled.isPresent()) {
            breaker.releasePermission();
            return new Attempt.Skipped(name() + " at its rate limit", throttled, false);
        }
        long started = System.nanoTime();
        SendResult result = null;
        try {
            result = provider.send(message);
        } catch (RuntimeException e) {
            // A provider bug must not escape into the dispatcher; it counts against the provider like an outage.
            result = new SendResult.Retry(name(), "provider error: " + e.getClass().getSimpleName());
        } finally {
            if (result == null) {
                // An Error is on its way up: give the breaker its permit back, or a half-open breaker would stick.
                breaker.releasePermission();
            }
        }
        long took = System.nanoTime() - started;
        switch (result) {
            // The provider answered well; only this recipient cannot take mail now. Counting it would let one
            // greylisting mailbox open the breaker for everybody else's mail.
            case SendResult.Retry retry when retry.recipientTrouble() -> breaker.onSuccess(took, TimeUnit.NANOSECONDS);
            case SendResult.Retry retry -> {
                breaker.onError(took, TimeUnit.NANOSECONDS, new ProviderFailure(retry.reason()));
                lastError.set(ProviderStatus.LastError.of(retry.reason(), clock.instant()));
                retry.retryAfter().ifPresent(health::coolDown);
            }
            // A refusal of this message says nothing about the provider's health.
            case SendResult.Sent sent -> breaker.onSuccess(took, TimeUnit.NANOSECONDS);
            case SendResult.Rejected rejected -> breaker.onSuccess(took, TimeUnit.NANOSECONDS);
        }
        return new Attempt.Answered(result);
    }

    /** Empty when a permit was taken (after a short wait if needed), else how long until one frees up. */
    private Optional<Duration> takePermit() {
        if (sharedLimit != null) {
            return takeSharedPermit();
        }
        if (bucket == null) {
            return Optional.empty();
        }
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            return Optional.empty();
        }
        Duration wait = Duration.ofNanos(probe.getNanosToWaitForRefill());
        if (wait.compareTo(guards.rateMaxWait()) > 0) {
            return Optional.of(wait);
        }
        try {
            sleeper.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of(wait);
        }
        probe = bucket.tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? Optional.empty() : Optional.of(Duration.ofNanos(probe.getNanosToWaitForRefill()));
    }

    /** {@link #takePermit()} from the limiter every node shares. */
    private Optional<Duration> takeSharedPermit() {
        RateLimiter limiter = rates.limiter();
        String key = rates.key(provider.name());
        RateLimiter.Decision decision = limiter.tryAcquire(key, sharedLimit);
        if (decision.allowed()) {
            sharedRemaining.set(decision.remaining());
            return Optional.empty();
        }
        Duration wait = decision.retryAfter();
        if (wait.compareTo(guards.rateMaxWait()) > 0) {
            return Optional.of(wait);
        }
        try {
            sleeper.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of(wait);
        }
        decision = limiter.tryAcquire(key, sharedLimit);
        sharedRemaining.set(decision.remaining());
        return decision.allowed() ? Optional.empty() : Optional.of(decision.retryAfter());
    }

    /** What the breaker counts as a failure; carries no stack trace, it is not an exceptional event for us. */
    private static final class ProviderFailure extends RuntimeException {
        ProviderFailure(String reason) {
            super(reason, null, false, false);
        }
    }
}
