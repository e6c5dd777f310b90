package dev.herald.providers.chain;

import dev.herald.core.channel.ChannelProvider;
import dev.herald.core.channel.OutboundMessage;
import dev.herald.core.channel.SendResult;
import dev.herald.core.model.Channel;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A channel's providers in order of preference. Each message goes to the first provider that can carry its
 * address and is available (breaker closed, under its rate limit, not asked to wait); when that provider fails
 * in a passing way the next one is tried. A permanent refusal is final: another provider would refuse the same
 * message. The provider that carried the message is named in the result, and so is any failover on the way.
 */
public final class FailoverChain implements ChannelProvider {
    private static final Duration DEFAULT_BUDGET = Duration.ofSeconds(15);

    private final Channel channel;
    private final List<GuardedProvider> links;
    private final Duration budget;
    // Time spent in the chain is read from the same clock as the guards', so tests move it instead of sleeping.
    private final Clock clock;
    private final ProviderCalls calls;

    public FailoverChain(Channel channel, List<ChannelProvider> providers, Map<String, ProviderGuards> guards,
                         Clock clock, Sleeper sleeper) {
        this(channel, providers, guards, clock, sleeper, DEFAULT_BUDGET, ProviderCalls.NONE);
    }

    /**
     * @param budget how long one message may spend in the chain: a provider is started only while its longest
     *               send still fits in what is left. Keep it well under the dispatcher's lease, or a delivery still
     *               failing over could be claimed and sent again.
     * @param calls   told about every provider asked or passed over
     * @throws IllegalArgumentException when a provider's longest send alone exceeds the budget (it could never go)
     */
    public FailoverChain(Channel channel, List<ChannelProvider> providers, Map<String, ProviderGuards> guards,
                         Clock clock, Sleeper sleeper, Duration budget, ProviderCalls calls) {
        this(channel, providers, guards, clock, sleeper, budget, calls, ProviderRates.OWN);
    }

    /** @param rates where the providers take their rate permits: their own buckets, or a limiter every node shares */
    public FailoverChain(Channel channel, List<ChannelProvider> providers, Map<String, ProviderGuards> guards,
                         Clock clock, Sleeper sleeper, Duration budget, ProviderCalls calls, ProviderRates rates) {
        this.budget = budget;
        this.calls = calls;
        this.clock = clock;
        if (providers.isEmpty()) {
            throw new IllegalArgumentException("a chain for " + channel + " needs at least one provider");
        }
        this.channel = channel;
        List<GuardedProvider> built = new ArrayList<>();
        for (ChannelProvider provider : providers) {
            if (provider.channel() != channel) {
                throw new IllegalArgumentException("provider " + provider.name() + " carries " + provider.channel()
                        + ", not " + channel);
            }
            GuardedProvider link = new GuardedProvider(provider,
                    guards.getOrDefault(provider.name(), ProviderGuards.defaults()), clock, sleeper, rates);
            if (link.longestSend().compareTo(budget) > 0) {
                throw new IllegalArgumentException("provider " + provider.name() + " may take up to "
                        + link.longestSend() + " for one send, more than the chain's budget of " + budget);
            }
            built.add(link);
        }
        this.links = List.copyOf(built);
    }

    @Override
    public String name() {
        return links.size() == 1 ? links.getFirst().name() : channel.name().toLowerCase() + "-chain";
    }

    @Override
    public Channel channel() {
        return channel;
    }

    @Override
    public boolean accepts(String address) {
        return links.stream().anyMatch(l -> l.accepts(address));
    }

    /** Each provider's breaker state, for operators and tests. */
    public Map<String, CircuitBreaker.State> breakerStates() {
        Map<String, CircuitBreaker.State> states = new LinkedHashMap<>();
        links.forEach(l -> states.put(l.name(), l.breakerState()));
        return states;
    }

    /** How each provider of the chain stands now, in chain order. */
    public List<ProviderStatus> statuses() {
        return links.stream().map(GuardedProvider::status).toList();
    }

    /** The time the chain measures its budget by; a fallback channel measures the shared lease by it too. */
    Clock clock() {
        return clock;
    }

    /** How long one message may spend in this chain. */
    public Duration budget() {
        return budget;
    }

    @Override
    public SendResult send(OutboundMessage message) {
        return send(message, budget);
    }

    /**
     * Like {@link #send(OutboundMessage)}, within what is left of a larger budget: a fallback channel sends here
     * after its first chain used part of the same lease.
     */
    public SendResult send(OutboundMessage message, Duration within) {
        Duration limit = within.compareTo(budget) < 0 ? within : budget;
        List<String> passedOver = new ArrayList<>();
        SendResult.Retry lastFailure = null;
        Optional<Duration> soonest = Optional.empty();
        boolean anyAccepts = false;
        boolean attempted = false;
        Instant started = clock.instant();
        for (GuardedProvider link : links) {
            if (!link.accepts(message.address())) {
                continue;
            }
            anyAccepts = true;
            // Not started unless its worst case fits: a send still running when the lease ends is sent twice.
            if (Duration.between(started, clock.instant()).plus(link.longestSend()).compareTo(limit) > 0) {
                passedOver.add("no time left to try " + link.name());
                continue;
            }
            GuardedProvider.Attempt attempt = link.send(message);
            String result = resultOf(attempt);
            link.counted(result);
            calls.called(link.name(), result);
            switch (attempt) {
                case GuardedProvider.Attempt.Skipped skipped -> {
                    passedOver.add(skipped.reason());
                    soonest = earliest(soonest, skipped.availableIn());
                    attempted |= skipped.countsAsAttempt();
                }
                case GuardedProvider.Attempt.Answered(SendResult.Sent sent) -> {
                    return passedOver.isEmpty() ? sent
                            : sent.withNote(join("failed over", passedOver, sent.note()));
                }
                case GuardedProvider.Attempt.Answered(SendResult.Rejected rejected) -> {
                    return rejected;
                }
                case GuardedProvider.Attempt.Answered(SendResult.Retry retry) -> {
                    passedOver.add(link.name() + ": " + retry.reason());
                    lastFailure = retry;
                    attempted = true;
                    soonest = earliest(soonest, retry.retryAfter());
                }
            }
        }
        if (!anyAccepts) {
            // A configuration gap (say, APNs tokens but only FCM configured), not a dead address: the address is kept.
            return new SendResult.Rejected(name(), "no " + channel + " provider configured can carry this address",
                    false);
        }
        String reason = String.join("; ", passedOver);
        String provider = lastFailure != null ? lastFailure.provider() : name();
        // The soonest any provider may be asked again, unless the last one failed without a hint: then the normal
        // backoff applies. When nobody was asked (rate limits, requested waits) it is a deferral, not an attempt.
        Optional<Duration> retryAfter = lastFailure != null && lastFailure.retryAfter().isEmpty()
                ? Optional.empty() : soonest;
        return new SendResult.Retry(provider, reason, retryAfter, attempted,
                lastFailure != null && lastFailure.recipientTrouble());
    }

    private static String resultOf(GuardedProvider.Attempt attempt) {
        return switch (attempt) {
            case GuardedProvider.Attempt.Skipped skipped -> skipped.countsAsAttempt() ? "circuit-open" : "held-back";
            case GuardedProvider.Attempt.Answered(SendResult.Sent sent) -> "sent";
            case GuardedProvider.Attempt.Answered(SendResult.Rejected rejected) -> "rejected";
            case GuardedProvider.Attempt.Answered(SendResult.Retry retry) -> "failed";
        };
    }

    private static Optional<Duration> earliest(Optional<Duration> a, Optional<Duration> b) {
        if (a.isEmpty()) {
            return b;
        }
        if (b.isEmpty()) {
            return a;
        }
        return a.get().compareTo(b.get()) <= 0 ? a : b;
    }

    private static String join(String what, List<String> passedOver, String earlierNote) {
        String note = what + " after: " + String.join("; ", passedOver);
        return earlierNote == null ? note : note + " (" + earlierNote + ")";
    }
}
