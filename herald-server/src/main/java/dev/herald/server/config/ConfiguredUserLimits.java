package dev.herald.server.config;

import dev.herald.core.limits.Limit;
import dev.herald.core.limits.PermitHolders;
import dev.herald.core.limits.RateLimiter;
import dev.herald.core.limits.UserChannelLimits;
import dev.herald.core.model.Channel;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** {@code herald.limits.per-user} as per-user channel budgets. */
final class ConfiguredUserLimits {
    private ConfiguredUserLimits() {
    }

    /** A bad entry stops start-up naming its key. */
    static UserChannelLimits of(Map<String, HeraldProperties.UserChannelRate> perUser, RateLimiter limiter,
                                PermitHolders holders) {
        Map<Channel, UserChannelLimits.Rule> rules = new EnumMap<>(Channel.class);
        perUser.forEach((name, rate) -> {
            String key = "herald.limits.per-user." + name;
            Channel channel = ConfiguredChannels.parse(key, name);
            UserChannelLimits.Policy policy = policy(key + ".policy", rate.policy());
            Map<String, UserChannelLimits.Policy> byType = new HashMap<>();
            rate.policyByType().forEach((type, p) -> byType.put(type, policy(key + ".policy-by-type." + type, p)));
            try {
                rules.put(channel, new UserChannelLimits.Rule(new Limit(rate.max(), rate.per()), policy, byType));
            } catch (IllegalArgumentException e) {
                throw new StartupProblem(key + " is not usable: " + e.getMessage(), "set max >= 1 and a positive per");
            }
        });
        return new UserChannelLimits(rules, limiter, holders);
    }

    private static UserChannelLimits.Policy policy(String key, String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "defer" -> UserChannelLimits.Policy.DEFER;
            case "drop" -> UserChannelLimits.Policy.DROP;
            default -> throw new StartupProblem(key + " '" + value + "' is not a policy",
                    "use defer (wait for the budget) or drop (SUPPRESSED)");
        };
    }
}
