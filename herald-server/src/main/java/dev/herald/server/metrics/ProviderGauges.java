package dev.herald.server.metrics;

import dev.herald.core.channel.ChannelProvider;
import dev.herald.core.channel.ChannelProviders;
import dev.herald.core.model.Channel;
import dev.herald.providers.chain.FailoverChain;
import dev.herald.providers.chain.ProviderStatus;
import dev.herald.providers.chain.FallbackChannel;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import java.util.Map;

/**
 * Each channel's providers' circuit breakers as a number: 0 closed, 1 half-open (trying), 2 open (not asked); and
 * how many of a provider's endpoints have their own breaker open.
 */
public final class ProviderGauges implements MeterBinder {
    private final ChannelProviders carriers;

    public ProviderGauges(ChannelProviders carriers) {
        this.carriers = carriers;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (Channel channel : Channel.values()) {
            ChannelProvider carrier = carriers.forChannel(channel);
            // A Kakao carrier that falls back to SMS reports Kakao's breakers; the SMS chain reports its own.
            FailoverChain chain = switch (carrier) {
                case FailoverChain c -> c;
                case FallbackChannel f -> f.primary();
                default -> null;
            };
            if (chain == null) {
                continue;
            }
            for (String provider : chain.breakerStates().keySet()) {
                Gauge.builder("herald.provider.breaker.state", () -> level(chain.breakerStates(), provider))
                        .description("circuit breaker: 0 closed, 1 half-open, 2 open")
                        // One provider (the sandbox, a shared HTTP carrier) can sit in several channels' chains, each
                        // with its own breaker: without the channel, only the first one registered would be seen.
                        .tag("channel", channel.name()).tag("provider", provider)
                        .register(registry);
                // A provider calling many URLs (a webhook per endpoint) keeps a breaker per URL: its own breaker
                // stays closed while some endpoints are not called, so those are counted apart.
                Gauge.builder("herald.provider.endpoints.open", () -> openEndpoints(chain, provider))
                        .description("endpoints of the provider whose own circuit breaker is open (not called)")
                        .tag("channel", channel.name()).tag("provider", provider)
                        .register(registry);
            }
        }
    }

    private static int openEndpoints(FailoverChain chain, String provider) {
        return chain.statuses().stream().filter(s -> s.name().equals(provider))
                .mapToInt(ProviderStatus::openEndpoints).sum();
    }

    private static int level(Map<String, CircuitBreaker.State> states, String provider) {
        return switch (states.getOrDefault(provider, CircuitBreaker.State.CLOSED)) {
            case HALF_OPEN -> 1;
            case OPEN, FORCED_OPEN -> 2;
            default -> 0;
        };
    }
}
