package dev.herald.server.config;

import dev.herald.core.channel.ChannelProvider;
import dev.herald.core.channel.ChannelProviders;
import dev.herald.core.model.Channel;
import dev.herald.providers.chain.FailoverChain;
import dev.herald.providers.chain.ProviderCalls;
import dev.herald.providers.chain.ProviderRates;
import dev.herald.providers.chain.FallbackChannel;
import dev.herald.providers.chain.Sleeper;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Per channel, the failover chain of the providers {@code herald.channels.<channel>.providers} names, in that order;
 * with none named, every configured provider of the channel in the order configured, or the sandbox. An unknown
 * name, a provider of another channel or a name listed twice stops start-up naming the key.
 */
final class ChannelChains {
    private final BuiltProviders built;
    private final Map<String, ChannelProvider> available = new LinkedHashMap<>();
    private final SandboxProviderFactory sandbox;
    private final Clock clock;
    private final Duration chainBudget;
    private final ProviderCalls calls;
    private final ProviderRates rates;

    /**
     * @param chainBudget how long one message's whole chain may take (half the worker lease)
     * @param calls       told about every provider a chain asks or passes over (metrics)
     */
    ChannelChains(BuiltProviders built, ChannelProvider inbox, SandboxProviderFactory sandbox, Clock clock,
                  Duration chainBudget, ProviderCalls calls) {
        this(built, inbox, sandbox, clock, chainBudget, calls, ProviderRates.OWN);
    }

    /** @param rates where the providers take their rate permits (shared by every node with Redis) */
    ChannelChains(BuiltProviders built, ChannelProvider inbox, SandboxProviderFactory sandbox, Clock clock,
                  Duration chainBudget, ProviderCalls calls, ProviderRates rates) {
        this.rates = rates;
        this.calls = calls;
        this.built = built;
        this.available.putAll(built.byName());
        this.available.put(inbox.name(), inbox);
        this.sandbox = sandbox;
        this.clock = clock;
        this.chainBudget = chainBudget;
    }

    /** One carrier per channel: its chain, and for Kakao (unless turned off) the fallback to the SMS chain. */
    ChannelProviders carriers(ChannelsProperties routes) {
        Map<Channel, FailoverChain> chains = new EnumMap<>(Channel.class);
        for (Channel channel : Channel.values()) {
            chains.put(channel, new FailoverChain(channel, members(channel, routes.providers(channel)), built.guards(),
                    clock, Sleeper.REAL, chainBudget, calls, rates));
        }
        Map<Channel, ChannelProvider> carriers = new EnumMap<>(chains);
        if (routes.kakao().fallbackToSms()) {
            carriers.put(Channel.KAKAO, new FallbackChannel(chains.get(Channel.KAKAO), chains.get(Channel.SMS)));
        }
        return new ChannelProviders(List.copyOf(carriers.values()));
    }

    private List<ChannelProvider> members(Channel channel, List<String> names) {
        String key = "herald.channels." + channel.key() + ".providers";
        if (new HashSet<>(names).size() < names.size()) {
            throw new StartupProblem(key + " lists a provider twice", "list each provider once per channel");
        }
        List<ChannelProvider> members = new ArrayList<>();
        for (String name : names) {
            ChannelProvider provider = name.equals("sandbox") ? sandbox.create(channel) : available.get(name);
            if (provider == null) {
                throw new StartupProblem(key + " names '" + name + "', but no provider has that name",
                        "use one of " + available.keySet() + " or sandbox, or configure a provider named '"
                                + name + "' under herald.providers");
            }
            if (provider.channel() != channel) {
                throw new StartupProblem(key + " names '" + name + "', which carries " + provider.channel()
                        + ", not " + channel, "list only " + channel + " providers for this channel");
            }
            members.add(provider);
        }
        if (members.isEmpty()) {
            members.addAll(available.values().stream().filter(p -> p.channel() == channel).toList());
        }
        if (members.isEmpty()) {
            members.add(sandbox.create(channel));
        }
        return members;
    }
}
