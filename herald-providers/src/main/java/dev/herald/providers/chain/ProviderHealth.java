package dev.herald.providers.chain;

import dev.herald.core.channel.ChannelProvider;
import dev.herald.core.channel.ChannelProviders;
import dev.herald.core.model.Channel;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every provider of the installation as it stands now, read from the channels' chains: for the dashboard's
 * provider list and the operator console. Providers are installation-wide (every tenant's messages share them), so
 * this holds no tenant's data: counts, breaker, rate limit and the head of the last failure's reason only. A
 * provider in several chains (the sandbox, which stands in for every channel without a provider) is one entry:
 * its calls added up, the worst of its breakers, its latest failure.
 */
public final class ProviderHealth {
    private final ChannelProviders carriers;
    private final Map<String, String> kinds;

    /** @param kinds each provider's kind as configured ({@code http-sms}), by name */
    public ProviderHealth(ChannelProviders carriers, Map<String, String> kinds) {
        this.carriers = carriers;
        this.kinds = Map.copyOf(kinds);
    }

    /**
     * One provider now. {@code calls} has every {@link ProviderCalls#RESULTS result}, zero included;
     * {@code failures} is how many calls failed in a passing way (result {@code failed}).
     */
    public record Entry(String name, String kind, List<Channel> channels, CircuitBreaker.State breaker,
                        int openEndpoints, Map<String, Long> calls, long failures,
                        ProviderStatus.RateLimit rateLimit, ProviderStatus.LastError lastError) {
    }

    /** Every provider, in the order the channels list them. */
    public List<Entry> now() {
        Map<String, Entry> byName = new LinkedHashMap<>();
        for (Channel channel : Channel.values()) {
            FailoverChain chain = chainOf(carriers.forChannel(channel));
            if (chain == null) {
                continue;
            }
            for (ProviderStatus status : chain.statuses()) {
                byName.merge(status.name(), entry(status), ProviderHealth::merged);
            }
        }
        return List.copyOf(byName.values());
    }

    // A Kakao carrier that falls back to SMS lists Kakao's providers; the SMS chain lists its own under SMS.
    private static FailoverChain chainOf(ChannelProvider carrier) {
        return switch (carrier) {
            case FailoverChain c -> c;
            case FallbackChannel f -> f.primary();
            default -> null;
        };
    }

    private Entry entry(ProviderStatus status) {
        Map<String, Long> calls = new LinkedHashMap<>();
        ProviderCalls.RESULTS.forEach(result -> calls.put(result, status.calls().getOrDefault(result, 0L)));
        return new Entry(status.name(), kinds.getOrDefault(status.name(), status.name()), List.of(status.channel()),
                status.breaker(), status.openEndpoints(), calls, calls.get(ProviderCalls.FAILED), status.rateLimit(),
                status.lastError());
    }

    private static Entry merged(Entry a, Entry b) {
        List<Channel> channels = new ArrayList<>(a.channels());
        channels.addAll(b.channels());
        Map<String, Long> calls = new LinkedHashMap<>(a.calls());
        b.calls().forEach((result, n) -> calls.merge(result, n, Long::sum));
        ProviderStatus.LastError last = a.lastError() == null ? b.lastError()
                : b.lastError() == null || a.lastError().at().isAfter(b.lastError().at()) ? a.lastError()
                : b.lastError();
        return new Entry(a.name(), a.kind(), List.copyOf(channels), ProviderStatus.worse(a.breaker(), b.breaker()),
                a.openEndpoints() + b.openEndpoints(), calls, a.failures() + b.failures(),
                a.rateLimit() != null ? a.rateLimit() : b.rateLimit(), last);
    }
}
