package dev.herald.server.config;

import dev.herald.core.channel.ChannelProvider;
import dev.herald.core.channel.ChannelProviders;
import dev.herald.core.channel.Integration;
import dev.herald.core.channel.OutboundMessage;
import dev.herald.core.channel.SendResult;
import dev.herald.core.clock.SettableClock;
import dev.herald.core.model.Channel;
import dev.herald.core.model.Message;
import dev.herald.core.model.TenantId;
import dev.herald.jdbc.JdbcStores;
import dev.herald.providers.chain.ProviderCalls;
import dev.herald.server.integrations.CredentialSeal;
import dev.herald.server.integrations.SecretSeal;
import dev.herald.server.integrations.TenantChains;
import dev.herald.testkit.RecordingProvider;
import dev.herald.testkit.peers.ScriptedSmtpPeer;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Which chain carries a tenant's delivery: its own, built from its integrations and kept while their versions stand
 * (so breakers and rate limits survive re-reads), or the installation's. Lives beside {@link IntegrationProviders},
 * whose factories it needs.
 */
class TenantChainsTest {
    private static final TenantId ACME = new TenantId("acme");
    private static final TenantId OTHER = new TenantId("other");
    private static final Duration REFRESH = Duration.ofSeconds(10);

    private final SettableClock clock = new SettableClock(Instant.parse("2026-03-01T09:00:00Z"));
    private final SecretSeal seal = new SecretSeal(key(), List.of());
    private JdbcStores stores;
    private TenantChains chains;
    private ChannelProviders installation;

    private static SecretSeal.Key key() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return SecretSeal.Key.of(bytes);
    }

    @BeforeEach
    void setUp() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:chains-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        stores = JdbcStores.open(h2, clock);
        stores.apiKeys().ensureTenant(ACME, "Acme");
        stores.apiKeys().ensureTenant(OTHER, "Other");
        IntegrationProviders providers = new IntegrationProviders(List.of(new SmtpProviderFactory()),
                Duration.ofSeconds(30), true);
        chains = new TenantChains(stores.integrations(), providers, new CredentialSeal(Optional.of(seal)), clock,
                REFRESH, Duration.ofSeconds(15), ProviderCalls.NONE, true);
        installation = new ChannelProviders(Arrays.stream(Channel.values())
                .map(c -> (ChannelProvider) new RecordingProvider(c)).toList());
    }

    private void putRelay(TenantId tenant, String name, int port, SecretSeal sealing) {
        SecretSeal.Sealed sealed = sealing.seal(tenant, name, Map.of("password", "pw"));
        stores.integrations().put(new Integration(tenant, name, "smtp", List.of(Channel.EMAIL), 0,
                "{\"host\":\"127.0.0.1\",\"port\":" + port + ",\"send-timeout\":\"2s\"}", sealed.ciphertext(),
                sealed.keyId(), 0, clock.instant()));
    }

    private Optional<ChannelProvider> carrier(TenantId tenant, Channel channel) {
        return chains.carrier(tenant, channel, installation);
    }

    @Test
    void aTenantWithoutIntegrationsUsesTheInstallationAndItsOwnChainOnceRead() {
        assertThat(carrier(ACME, Channel.EMAIL)).isEmpty();
        putRelay(ACME, "acme-relay", 2525, seal);

        // Read again only after the refresh interval (another node's write), or at once after this node's write.
        assertThat(carrier(ACME, Channel.EMAIL)).isEmpty();
        clock.advance(REFRESH);
        assertThat(carrier(ACME, Channel.EMAIL)).get().extracting(ChannelProvider::name).isEqualTo("acme-relay");
        assertThat(carrier(ACME, Channel.SMS)).isEmpty();
        assertThat(carrier(OTHER, Channel.EMAIL)).isEmpty();

        stores.integrations().delete(ACME, "acme-relay");
        chains.changed(ACME);
        assertThat(carrier(ACME, Channel.EMAIL)).isEmpty();
    }

    @Test
    void theChainIsKeptWhileVersionsStandAndRebuiltWhenOneMoves() {
        putRelay(ACME, "acme-relay", 2525, seal);
        ChannelProvider first = carrier(ACME, Channel.EMAIL).orElseThrow();

        clock.advance(REFRESH);
        assertThat(carrier(ACME, Channel.EMAIL)).get().isSameAs(first);

        putRelay(ACME, "acme-relay", 2526, seal);
        clock.advance(REFRESH);
        assertThat(carrier(ACME, Channel.EMAIL)).get().isNotSameAs(first);
    }

    @Test
    void anIntegrationThisNodeCannotOpenAnswersRetryInsteadOfFallingThroughToTheInstallation() {
        putRelay(ACME, "acme-relay", 2525, new SecretSeal(key(), List.of()));

        ChannelProvider carrier = carrier(ACME, Channel.EMAIL).orElseThrow();
        SendResult result = carrier.send(new OutboundMessage(UUID.randomUUID(), ACME, UUID.randomUUID(), "t",
                Channel.EMAIL, null, "ann@example.com", new Message("s", "t", null)));

        assertThat(result).isInstanceOf(SendResult.Retry.class);
        assertThat(((SendResult.Retry) result).reason()).contains("acme-relay cannot be used")
                .contains("do not open");
        assertThat(((RecordingProvider) installation.forChannel(Channel.EMAIL)).received()).isEmpty();
    }

    @Test
    void theTenantFirstCarriersSendOtherTenantsThroughTheInstallation() {
        putRelay(ACME, "acme-relay", 2525, seal);
        ChannelProviders tenantFirst = chains.tenantFirst(installation);

        SendResult result = tenantFirst.forChannel(Channel.EMAIL).send(new OutboundMessage(UUID.randomUUID(), OTHER,
                UUID.randomUUID(), "t", Channel.EMAIL, null, "bob@example.com", new Message("s", "t", null)));

        assertThat(result).isInstanceOf(SendResult.Sent.class);
        assertThat(((RecordingProvider) installation.forChannel(Channel.EMAIL)).received())
                .extracting(OutboundMessage::tenant).containsExactly(OTHER);
    }

    @Test
    void aRemovedIntegrationsSmtpSessionsAreClosed() throws Exception {
        try (ScriptedSmtpPeer relay = ScriptedSmtpPeer.accepting()) {
            putRelay(ACME, "acme-relay", relay.port(), seal);
            SendResult sent = carrier(ACME, Channel.EMAIL).orElseThrow().send(new OutboundMessage(UUID.randomUUID(),
                    ACME, UUID.randomUUID(), "t", Channel.EMAIL, null, "ann@example.com", new Message("s", "t", null)));
            assertThat(sent).isInstanceOf(SendResult.Sent.class);
            assertThat(relay.openConnections()).as("the session stays open for the next message").isEqualTo(1);

            stores.integrations().delete(ACME, "acme-relay");
            chains.changed(ACME);

            await().atMost(Duration.ofSeconds(10)).until(() -> relay.openConnections() == 0);
        }
    }

    /** A provider that records its closing, as an APNs client (connections, threads) must be closed. */
    private record Closing(ChannelProvider delegate, String label, List<String> closed)
            implements ChannelProvider, AutoCloseable {
        @Override
        public String name() {
            return delegate.name();
        }

        @Override
        public Channel channel() {
            return delegate.channel();
        }

        @Override
        public SendResult send(OutboundMessage message) {
            return delegate.send(message);
        }

        @Override
        public Duration longestSend() {
            return delegate.longestSend();
        }

        @Override
        public void close() {
            closed.add(label);
        }
    }

    @Test
    void providersAreClosedWhenTheirChainIsRebuiltOrDroppedAndAtShutdown() {
        List<String> closed = new CopyOnWriteArrayList<>();
        AtomicInteger built = new AtomicInteger();
        SmtpProviderFactory smtp = new SmtpProviderFactory();
        ProviderFactory<ProvidersProperties.Smtp> closing = new ProviderFactory<>() {
            @Override
            public String kind() {
                return "smtp";
            }

            @Override
            public List<ProvidersProperties.Smtp> entries(ProvidersProperties providers) {
                return smtp.entries(providers);
            }

            @Override
            public ChannelProvider create(String name, ProvidersProperties.Smtp settings) {
                return new Closing(smtp.create(name, settings), name + "#" + built.incrementAndGet(), closed);
            }
        };
        TenantChains closingChains = new TenantChains(stores.integrations(), new IntegrationProviders(
                List.of(closing), Duration.ofSeconds(30), true), new CredentialSeal(Optional.of(seal)), clock,
                REFRESH, Duration.ofSeconds(15), ProviderCalls.NONE, true);
        putRelay(ACME, "acme-relay", 2525, seal);
        putRelay(OTHER, "other-relay", 2525, seal);
        closingChains.carrier(ACME, Channel.EMAIL, installation).orElseThrow();
        closingChains.carrier(OTHER, Channel.EMAIL, installation).orElseThrow();

        clock.advance(REFRESH);
        closingChains.carrier(ACME, Channel.EMAIL, installation).orElseThrow();
        assertThat(closed).as("kept while the version stands").isEmpty();

        putRelay(ACME, "acme-relay", 2526, seal);
        clock.advance(REFRESH);
        closingChains.carrier(ACME, Channel.EMAIL, installation).orElseThrow();
        assertThat(closed).containsExactly("acme-relay#1");

        closingChains.changed(ACME);
        assertThat(closed).containsExactly("acme-relay#1", "acme-relay#3");

        closingChains.close();
        assertThat(closed).containsExactlyInAnyOrder("acme-relay#1", "acme-relay#3", "other-relay#2");
    }
}
