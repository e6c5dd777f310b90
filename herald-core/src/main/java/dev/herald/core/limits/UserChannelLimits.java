package dev.herald.core.limits;

import dev.herald.core.model.ClaimedDelivery;
import dev.herald.core.model.Channel;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import dev.herald.core.model.TenantId;
import java.time.Duration;

/**
 * How many messages one user may get on one channel (say, 5 SMS an hour), and what happens to the rest: wait
 * until the budget allows (DEFER) or be dropped as SUPPRESSED (DROP). Checked right before each send, so a
 * deferred message still goes out in order once the budget refills.
 */
public final class UserChannelLimits {
    public enum Policy { DEFER, DROP }

    /**
     * The budget, and what to do beyond it: {@code policy}, unless the notification's type says otherwise
     * ({@code policyByType} names the default tenant's types; the budget itself holds for every tenant).
     */
    public record Rule(Limit limit, Policy policy, Map<String, Policy> policyByType) {
        public Rule {
            policyByType = policyByType == null ? Map.of() : Map.copyOf(policyByType);
        }

        public Rule(Limit limit, Policy policy) {
            this(limit, policy, Map.of());
        }

        Policy policyFor(TenantId tenant, String type) {
            return tenant.isDefault() ? policyByType.getOrDefault(type, policy) : policy;
        }
    }

    /** What to do with one delivery now. */
    public sealed interface Verdict {
        record Send() implements Verdict {
        }

        record Defer(Duration delay, String reason) implements Verdict {
        }

        record Drop(String reason) implements Verdict {
        }
    }

    private final Map<Channel, Rule> rules;
    private final RateLimiter limiter;
    private final PermitHolders holders;

    /** @param holders the deliveries granted a permit lately, so a message tried again is not counted again */
    public UserChannelLimits(Map<Channel, Rule> rules, RateLimiter limiter, PermitHolders holders) {
        this.rules = rules.isEmpty() ? Map.of() : new EnumMap<>(rules);
        this.limiter = limiter;
        this.holders = holders;
    }

    public static UserChannelLimits none() {
        return new UserChannelLimits(Map.of(), (key, limit) -> new RateLimiter.Decision(true, Long.MAX_VALUE,
                Duration.ZERO), PermitHolders.NONE);
    }

    /**
     * The budget counts messages, not tries: a delivery granted a permit on an earlier try (then retried after a
     * provider's passing failure, or claimed again after its worker lost the lease) goes on without spending
     * another. Whether a try was granted is asked of {@link PermitHolders}, not read from the attempt number: a try
     * refused whose drop or deferral was never recorded (the worker killed first) comes back as attempt 2 and must
     * be refused again, not sent past the budget. A first try needs no such question (a deferral gives its attempt
     * back), so the common case costs one call.
     */
    public Verdict check(ClaimedDelivery delivery) {
        Rule rule = rules.get(delivery.channel());
        if (rule == null || delivery.userId() == null) {
            return new Verdict.Send();
        }
        String holder = "delivery:" + delivery.id() + ":" + delivery.channel();
        if (delivery.attempt() > 1 && holders.holds(holder)) {
            return new Verdict.Send();
        }
        String key = "user:" + delivery.tenant().value() + ":" + delivery.userId() + ":" + delivery.channel();
        RateLimiter.Decision decision = limiter.tryAcquire(key, rule.limit());
        if (decision.allowed()) {
            holders.remember(holder, rule.limit().period());
            return new Verdict.Send();
        }
        String reason = "user " + delivery.userId() + " reached the " + delivery.channel() + " limit of "
                + rule.limit().capacity() + " per " + rule.limit().period();
        return switch (rule.policyFor(delivery.tenant(), delivery.type())) {
            case DEFER -> new Verdict.Defer(decision.retryAfter(), reason);
            case DROP -> new Verdict.Drop(reason);
        };
    }

    public Optional<Rule> ruleFor(Channel channel) {
        return Optional.ofNullable(rules.get(channel));
    }
}
