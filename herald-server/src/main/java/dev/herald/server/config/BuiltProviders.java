package dev.herald.server.config;

import dev.herald.core.model.FailureKind;
import dev.herald.core.channel.ChannelProvider;
import dev.herald.providers.chain.ProviderGuards;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every provider built from {@code herald.providers} by the registered factories, by name, with its guards and its
 * kind (the factory's, {@code http-sms}).
 */
record BuiltProviders(Map<String, ChannelProvider> byName, Map<String, ProviderGuards> guards,
                      Map<String, String> kinds) implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(BuiltProviders.class.getName());


    /** Names the deliveries carry; taken by Herald's own providers. */
    static final List<String> RESERVED = List.of("sandbox", "inbox");

    /**
     * Asks each factory, in order, for its kind's entries and builds them. A mistake (a missing credential, a
     * name used twice, a send that cannot fit the lease) stops start-up naming the entry's key.
     */
    static BuiltProviders build(List<ProviderFactory<?>> factories, ProvidersProperties providers,
                                LongestSendRule longestSend) {
        BuiltProviders built = new BuiltProviders(new LinkedHashMap<>(), new LinkedHashMap<>(), new LinkedHashMap<>());
        for (ProviderFactory<?> factory : factories) {
            built.add(factory, providers, longestSend);
        }
        return built;
    }

    /** An entry's name, or the kind's default: the kind itself, or kind-n when there are several. */
    static String nameOf(String kind, List<? extends ProviderSettings> entries, int index) {
        String name = entries.get(index).name();
        if (name != null && !name.isBlank()) {
            return name;
        }
        return entries.size() == 1 ? kind : kind + "-" + (index + 1);
    }

    private <S extends ProviderSettings> void add(ProviderFactory<S> factory, ProvidersProperties providers,
                                                  LongestSendRule longestSend) {
        List<S> entries = factory.entries(providers);
        for (int i = 0; i < entries.size(); i++) {
            S entry = entries.get(i);
            String name = nameOf(factory.kind(), entries, i);
            String key = "herald.providers." + factory.kind() + "[" + i + "]";
            if (!name.matches("[A-Za-z0-9._-]{1,64}")) {
                throw new StartupProblem(key + ".name '" + name + "' is not a usable provider name",
                        "use 1..64 letters, digits and . _ - (the name is recorded on every delivery)");
            }
            if (byName.containsKey(name) || RESERVED.contains(name)) {
                throw new StartupProblem(key + ".name '" + name + "' is already taken",
                        "give every provider a unique name (sandbox and inbox are reserved)");
            }
            ChannelProvider provider = create(factory, key, name, entry);
            ProvidersProperties.Guards g = entry.guards();
            ProviderGuards guarded = new ProviderGuards(g.window(), g.minimumCalls(), g.failureRatePercent(),
                    g.openFor(), g.trialCalls(), g.ratePerSecond(), g.rateMaxWait());
            longestSend.check(key, key + "." + factory.sendTimeoutKey(), provider, guarded);
            byName.put(name, provider);
            guards.put(name, guarded);
            kinds.put(name, factory.kind());
        }
    }

    private static <S extends ProviderSettings> ChannelProvider create(ProviderFactory<S> factory, String key,
                                                                       String name, S entry) {
        try {
            return factory.create(name, entry);
        } catch (StartupProblem e) {
            throw e;
        } catch (RuntimeException e) {
            // URL parse errors repeat the whole URL, which may carry a key: name the kind of problem only.
            String why = e.getMessage() == null || e.getMessage().contains("://")
                    ? e.getClass().getSimpleName() + " (check the URL settings)" : e.getMessage();
            throw new StartupProblem(key + " (" + name + ") is not usable: " + why,
                    "fix the " + key + ".* settings; see the provider samples in README.md");
        }
    }

    /** Providers holding connections of their own (APNs keeps an HTTP/2 connection open) release them. */
    @Override
    public void close() {
        for (ChannelProvider provider : byName.values()) {
            if (provider instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    // Shutting down: one provider failing to close must not keep the others open.
                    LOG.log(System.Logger.Level.WARNING, "provider {0} did not close cleanly: {1}",
                            provider.name(), FailureKind.of(e));
                }
            }
        }
    }
}
