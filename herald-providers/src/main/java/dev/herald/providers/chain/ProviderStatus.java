package dev.herald.providers.chain;

import dev.herald.core.model.Channel;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;

import java.time.Instant;
import java.util.Map;

/**
 * How one provider of one chain stands now, for operators: its breaker, what the chain asked of it since start by
 * result (the {@link ProviderCalls} results), its rate limit and its last failure.
 *
 * @param breaker       the worst state of its breakers: most providers have one, Slack and webhooks one per URL
 *                      (the URLs are not listed: a Slack URL is a credential)
 * @param openEndpoints how many of its breakers are open (for Slack and webhooks, how many URLs are shut out)
 * @param rateLimit     null when the provider has none
 * @param lastError     null when it has not failed since start
 */
public record ProviderStatus(String name, Channel channel, CircuitBreaker.State breaker, int openEndpoints,
                             Map<String, Long> calls, RateLimit rateLimit, LastError lastError) {

    /** The worse of two breaker states: open (forced or not), then half-open, then the rest. */
    public static CircuitBreaker.State worse(CircuitBreaker.State a, CircuitBreaker.State b) {
        return severity(b) > severity(a) ? b : a;
    }

    static int severity(CircuitBreaker.State state) {
        return switch (state) {
            case OPEN, FORCED_OPEN -> 2;
            case HALF_OPEN -> 1;
            default -> 0;
        };
    }

    /** The configured rate, the burst it allows, and the permits free right now. */
    public record RateLimit(double perSecond, long capacity, long available) {
    }

    /**
     * The last passing failure that counted against the breaker: the head of its reason (up to the first
     * {@code ": "}, where quoted detail such as an error body or a relay's text begins, which could echo one
     * tenant's message while this view is every tenant's) and when.
     */
    public record LastError(String reason, Instant at) {
        private static final int MAX = 200;

        static LastError of(String reason, Instant at) {
            String text = reason == null ? "" : reason;
            int detail = text.indexOf(": ");
            String head = detail < 0 ? text : text.substring(0, detail);
            return new LastError(head.length() > MAX ? head.substring(0, MAX) : head, at);
        }
    }
}
