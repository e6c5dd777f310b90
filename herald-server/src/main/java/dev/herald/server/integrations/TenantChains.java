package dev.herald.server.integrations;

import dev.herald.core.channel.ChannelProvider;
import dev.herald.core.channel.ChannelProviders;
import dev.herald.core.channel.Integration;
import dev.herald.core.channel.IntegrationStore;
import dev.herald.core.channel.OutboundMessage;
import dev.herald.core.channel.SendResult;
import dev.herald.core.model.Channel;
import dev.herald.core.model.FailureKind;
import dev.herald.core.model.TenantId;
import dev.herald.core.request.InvalidRequestException;
import dev.herald.providers.chain.FailoverChain;
import dev.herald.providers.chain.FallbackChannel;
import dev.herald.providers.chain.ProviderCalls;
import dev.herald.providers.chain.ProviderRates;
import dev.herald.providers.chain.ProviderGuards;
import dev.herald.providers.chain.Sleeper;
import dev.herald.server.config.IntegrationProviders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Each tenant's own failover chains, built from its integrations on this node: lazily, on the first delivery of
 * the tenant after {@code refresh}, and rebuilt only when an integration's version moved (so breakers and rate
 * limits, which live in the chain, survive re-reads). A tenant with no integration for a channel has no chain for
 * it, and the installation's carries its deliveries. An integration that cannot be built here (its credentials do
 * not open with this node's keys, a setting became invalid) stays in its chain as a provider that answers
 * {@code Retry} naming why, so a tenant's mail never falls through to the installation's provider unasked.
 */
public final class TenantChains implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TenantChains.class);

    /** {@code owned}: the providers built for this snapshot, closed when it is replaced (APNs holds connections). */
    private record Snapshot(Instant readAt, Map<String, Long> versions, Map<Channel, ChannelProvider> carriers,
                            List<IntegrationProviders.Built> owned) {
    }

    private final IntegrationStore store;
    private final IntegrationProviders providers;
    private final CredentialSeal seal;
    private final Clock clock;
    private final Duration refresh;
    private final Duration chainBudget;
    private final ProviderCalls calls;
    private final boolean kakaoFallsBackToSms;
    private final ProviderRates rates;
    private final Map<TenantId, Snapshot> snapshots = new ConcurrentHashMap<>();
    private final Queue<IntegrationProviders.Built> retired = new ConcurrentLinkedQueue<>();

    public TenantChains(IntegrationStore store, IntegrationProviders providers, CredentialSeal seal, Clock clock,
                        Duration refresh, Duration chainBudget, ProviderCalls calls, boolean kakaoFallsBackToSms) {
        this(store, providers, seal, clock, refresh, chainBudget, calls, kakaoFallsBackToSms, ProviderRates.OWN);
    }

    /** @param rates where providers take their rate permits; each tenant's own are keyed apart from the others' */
    public TenantChains(IntegrationStore store, IntegrationProviders providers, CredentialSeal seal, Clock clock,
                        Duration refresh, Duration chainBudget, ProviderCalls calls, boolean kakaoFallsBackToSms,
                        ProviderRates rates) {
        this.rates = rates;
        this.store = store;
        this.providers = providers;
        this.seal = seal;
        this.clock = clock;
        this.refresh = refresh;
        this.chainBudget = chainBudget;
        this.calls = calls;
        this.kakaoFallsBackToSms = kakaoFallsBackToSms;
    }

    /** The installation's carriers, each asking first whether the delivery's tenant brought its own. */
    public ChannelProviders tenantFirst(ChannelProviders installation) {
        List<ChannelProvider> carriers = new ArrayList<>();
        for (Channel channel : Channel.values()) {
            carriers.add(new TenantFirstCarrier(channel, installation, this));
        }
        return new ChannelProviders(carriers);
    }

    /** The tenant's own carrier of the channel, if it has integrations for it. */
    public Optional<ChannelProvider> carrier(TenantId tenant, Channel channel, ChannelProviders installation) {
        Snapshot known = snapshots.get(tenant);
        Instant now = clock.instant();
        if (known == null || !now.isBefore(known.readAt().plus(refresh))) {
            known = snapshots.compute(tenant, (t, old) -> reload(t, old, now, installation));
            closeRetired();
        }
        return Optional.ofNullable(known.carriers().get(channel));
    }

    /** This node changed the tenant's integrations: the next delivery reads them again. */
    public void changed(TenantId tenant) {
        Snapshot gone = snapshots.remove(tenant);
        if (gone != null) {
            retired.addAll(gone.owned());
            closeRetired();
        }
    }

    /** At shutdown: closes every tenant's providers (Spring calls it as the bean's destroy method). */
    @Override
    public void close() {
        snapshots.values().forEach(snapshot -> retired.addAll(snapshot.owned()));
        snapshots.clear();
        closeRetired();
    }

    /**
     * Closes the providers of replaced snapshots, outside the map's lock. A send still running on one (an APNs push
     * while its integration changed) may fail and is retried by the new chain.
     */
    private void closeRetired() {
        for (IntegrationProviders.Built built; (built = retired.poll()) != null; ) {
            built.close();
        }
    }

    private Snapshot reload(TenantId tenant, Snapshot old, Instant now, ChannelProviders installation) {
        if (old != null && now.isBefore(old.readAt().plus(refresh))) {
            return old; // another thread read it while this one waited
        }
        List<Integration> integrations = store.list(tenant);
        Map<String, Long> versions = new LinkedHashMap<>();
        integrations.forEach(i -> versions.put(i.name(), i.version()));
        if (old != null && old.versions().equals(versions)) {
            return new Snapshot(now, versions, old.carriers(), old.owned());
        }
        if (old != null) {
            retired.addAll(old.owned());
        }
        List<IntegrationProviders.Built> owned = new ArrayList<>();
        return new Snapshot(now, versions, build(tenant, integrations, installation, owned), List.copyOf(owned));
    }

    private Map<Channel, ChannelProvider> build(TenantId tenant, List<Integration> integrations,
                                                ChannelProviders installation, List<IntegrationProviders.Built> owned) {
        Map<Channel, List<ChannelProvider>> members = new EnumMap<>(Channel.class);
        Map<String, ProviderGuards> guards = new LinkedHashMap<>();
        for (Integration integration : integrations) {
            Built built = build(integration);
            if (built.source() != null) {
                owned.add(built.source());
            }
            guards.put(integration.name(), built.guards());
            for (Channel channel : integration.channels()) {
                ChannelProvider member = built.provider() != null && built.provider().channel() == channel
                        ? built.provider() : new Unusable(integration.name(), channel, built.why());
                members.computeIfAbsent(channel, c -> new ArrayList<>()).add(member);
            }
        }
        Map<Channel, FailoverChain> chains = new EnumMap<>(Channel.class);
        members.forEach((channel, list) -> chains.put(channel,
                new FailoverChain(channel, list, guards, clock, Sleeper.REAL, chainBudget, calls,
                        rates.forTenant(tenant))));
        Map<Channel, ChannelProvider> carriers = new EnumMap<>(chains);
        if (kakaoFallsBackToSms && chains.containsKey(Channel.KAKAO)) {
            ChannelProvider sms = chains.containsKey(Channel.SMS) ? chains.get(Channel.SMS)
                    : installation.forChannel(Channel.SMS);
            if (sms instanceof FailoverChain smsChain) {
                carriers.put(Channel.KAKAO, new FallbackChannel(chains.get(Channel.KAKAO), smsChain));
            }
        }
        return carriers;
    }

    private record Built(ChannelProvider provider, ProviderGuards guards, String why,
                         IntegrationProviders.Built source) {
    }

    private Built build(Integration integration) {
        String name = integration.name();
        try {
            Map<String, String> secrets = Map.of();
            if (integration.secretsCiphertext() != null) {
                Optional<Map<String, String>> opened = seal.available().flatMap(s -> s.open(integration.tenant(),
                        name, integration.secretsCiphertext(), integration.keyId()));
                if (opened.isEmpty()) {
                    return unusable(integration, "its credentials do not open with this node's keys (sealed with "
                            + integration.keyId() + ")");
                }
                secrets = opened.get();
            }
            IntegrationProviders.Built built = providers.build(name, integration.kind(),
                    OpenedIntegration.settings(integration), secrets);
            return new Built(built.provider(), built.guards(), null, built);
        } catch (InvalidRequestException e) {
            return unusable(integration, "its settings are no longer valid ("
                    + String.join(", ", e.violations().stream().map(v -> v.field() + " " + v.rule()).toList()) + ")");
        } catch (RuntimeException e) {
            return unusable(integration, "it could not be built (" + FailureKind.of(e) + ")");
        }
    }

    private Built unusable(Integration integration, String why) {
        LOG.warn("integration {} of tenant {} cannot carry messages: {}", integration.name(),
                integration.tenant(), why);
        return new Built(null, ProviderGuards.defaults(), "integration " + integration.name() + " cannot be used: "
                + why, null);
    }

    /** Stands in a chain for an integration that could not be built: every send is a passing failure saying why. */
    private record Unusable(String name, Channel channel, String why) implements ChannelProvider {
        @Override
        public SendResult send(OutboundMessage message) {
            return new SendResult.Retry(name, why);
        }
    }

    /** One channel's carrier: the tenant's own chain when it has one, else the installation's. */
    private record TenantFirstCarrier(Channel channel, ChannelProviders installation, TenantChains tenants)
            implements ChannelProvider {
        @Override
        public String name() {
            return installation.forChannel(channel).name();
        }

        @Override
        public SendResult send(OutboundMessage message) {
            return tenants.carrier(message.tenant(), channel, installation)
                    .orElseGet(() -> installation.forChannel(channel)).send(message);
        }

        @Override
        public boolean accepts(String address) {
            return installation.forChannel(channel).accepts(address);
        }

        @Override
        public Duration longestSend() {
            return installation.forChannel(channel).longestSend();
        }
    }
}
