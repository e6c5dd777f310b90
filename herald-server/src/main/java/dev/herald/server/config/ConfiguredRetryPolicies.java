package dev.herald.server.config;

import dev.herald.core.dispatch.RetryPolicies;
import dev.herald.core.dispatch.RetryPolicy;
import dev.herald.core.model.Channel;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/** {@code herald.retry} as retry policies: the default, and each configured channel's over it. */
final class ConfiguredRetryPolicies {
    private ConfiguredRetryPolicies() {
    }

    /** A bad policy stops start-up naming its key. */
    static RetryPolicies of(HeraldProperties.Retry r) {
        RetryPolicy defaults = policy("herald.retry", r.maxAttempts(), r.initialBackoff(), r.multiplier(),
                r.maxBackoff(), r.jitter());
        Map<Channel, RetryPolicy> perChannel = new EnumMap<>(Channel.class);
        r.channels().forEach((name, c) -> {
            String key = "herald.retry.channels." + name;
            perChannel.put(ConfiguredChannels.parse(key, name), policy(key,
                    c.maxAttempts() != null ? c.maxAttempts() : r.maxAttempts(),
                    c.initialBackoff() != null ? c.initialBackoff() : r.initialBackoff(),
                    c.multiplier() != null ? c.multiplier() : r.multiplier(),
                    c.maxBackoff() != null ? c.maxBackoff() : r.maxBackoff(),
                    c.jitter() != null ? c.jitter() : r.jitter()));
        });
        return new RetryPolicies(defaults, perChannel);
    }

    private static RetryPolicy policy(String key, int maxAttempts, Duration initial, double multiplier,
                                      Duration max, double jitter) {
        try {
            return new RetryPolicy(maxAttempts, initial, multiplier, max, jitter);
        } catch (IllegalArgumentException e) {
            throw new StartupProblem(key + " is not a usable retry policy: " + e.getMessage(),
                    "fix " + key + ".* (max-attempts >= 1, multiplier >= 1, jitter within 0..1)");
        }
    }
}
