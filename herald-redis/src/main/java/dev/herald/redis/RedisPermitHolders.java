package dev.herald.redis;

import dev.herald.core.limits.PermitHolders;
import dev.herald.core.model.FailureKind;
import io.lettuce.core.SetArgs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Permit holders kept in Redis, so a delivery granted a permit on one node and claimed again by another after the
 * first was killed is not counted twice, and one refused there is refused again here. Each key holds its end on the
 * nodes' clock (so it follows a test's settable clock too) and expires in Redis a minute after it, on Redis's own
 * clock, only to be cleaned up.
 * <p>
 * While Redis cannot answer, this node's own memory ({@code fallback}) answers and is told too: a try claimed again
 * on another node during an outage may then be counted twice (the budget errs towards sending less), never let past
 * it.
 */
public final class RedisPermitHolders implements PermitHolders {
    private static final Logger log = LoggerFactory.getLogger(RedisPermitHolders.class);
    private static final Duration CLEAN_UP_AFTER = Duration.ofMinutes(1);

    private final RedisConnections redis;
    private final Clock clock;
    private final PermitHolders fallback;
    private final String prefix;
    private final AtomicBoolean failing = new AtomicBoolean();

    public RedisPermitHolders(RedisConnections redis, Clock clock, PermitHolders fallback) {
        this(redis, clock, fallback, "herald:permit:");
    }

    /** @param prefix the keys' prefix; deployments sharing one Redis give each its own */
    public RedisPermitHolders(RedisConnections redis, Clock clock, PermitHolders fallback, String prefix) {
        this.redis = redis;
        this.clock = clock;
        this.fallback = fallback;
        this.prefix = prefix;
    }

    @Override
    public boolean holds(String holder) {
        String end;
        try {
            end = redis.commands().sync().get(prefix + holder);
        } catch (RuntimeException e) {
            failed(e);
            return fallback.holds(holder);
        }
        back();
        if (end == null) {
            return fallback.holds(holder);
        }
        try {
            return clock.instant().isBefore(Instant.ofEpochMilli(Long.parseLong(end)));
        } catch (NumberFormatException e) {
            // Not ours to read (another version wrote it, or someone by hand): ask the budget again.
            return false;
        }
    }

    @Override
    public void remember(String holder, Duration period) {
        Instant end = clock.instant().plus(period);
        fallback.remember(holder, period);
        try {
            redis.commands().sync().set(prefix + holder, Long.toString(end.toEpochMilli()),
                    SetArgs.Builder.px(period.plus(CLEAN_UP_AFTER).toMillis()));
        } catch (RuntimeException e) {
            failed(e);
            return;
        }
        back();
    }

    private void failed(RuntimeException e) {
        if (failing.compareAndSet(false, true)) {
            log.warn("redis permit holders unavailable, this node's own memory answers until it is back: {}",
                    FailureKind.of(e));
        }
    }

    private void back() {
        if (failing.compareAndSet(true, false)) {
            log.info("redis permit holders are back");
        }
    }
}
