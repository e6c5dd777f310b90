package dev.herald.server.config;

import dev.herald.core.model.RetryThenSetAside;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * How a background runner retries an item (workflow step, broadcast) whose round fails, before setting it aside
 * ({@code herald.workflows.retries}, {@code herald.broadcasts.retries}).
 *
 * @param maxAttempts  failed attempts after which the item is set aside (its deliveries or broadcast FAILED)
 * @param firstBackoff the wait after the first failure, doubling up to {@code maxBackoff}
 */
public record RoundRetries(@DefaultValue("10") int maxAttempts,
                           @DefaultValue("5s") Duration firstBackoff,
                           @DefaultValue("5m") Duration maxBackoff) {

    /** The rule, or a start-up problem naming the key under {@code prefix} to fix. */
    RetryThenSetAside rule(String prefix) {
        if (maxAttempts < 1 || maxAttempts > 100) {
            throw new StartupProblem(prefix + ".max-attempts is " + maxAttempts + ".",
                    "Give a number from 1 to 100 (5 by default).");
        }
        if (firstBackoff.isNegative() || maxBackoff.compareTo(firstBackoff) < 0) {
            throw new StartupProblem(prefix + ".first-backoff is " + firstBackoff + " and max-backoff " + maxBackoff
                    + ".", "Give a first-backoff of zero or more and a max-backoff at least as long (5s and 5m by default).");
        }
        return new RetryThenSetAside(maxAttempts, firstBackoff, maxBackoff);
    }
}
