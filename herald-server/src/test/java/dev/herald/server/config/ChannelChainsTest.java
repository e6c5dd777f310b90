package dev.herald.server.config;

import dev.herald.core.channel.ChannelProviders;
import dev.herald.core.clock.IdGenerator;
import dev.herald.core.inbox.Inbox;
import dev.herald.core.inbox.InboxListener;
import dev.herald.core.model.Channel;
import dev.herald.jdbc.JdbcStores;
import dev.herald.providers.chain.FailoverChain;
import dev.herald.providers.chain.FallbackChannel;
import dev.herald.providers.chain.ProviderCalls;
import dev.herald.providers.inbox.InboxProvider;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Each channel's chain: the providers named for it, else the channel's configured ones, else the sandbox. */
class ChannelChainsTest {
    private static final ChannelsProperties.Route NONE = new ChannelsProperties.Route(List.of());
    private static final ProvidersProperties.Guards GUARDS = new ProvidersProperties.Guards(20, 5, 50f,
            Duration.ofSeconds(30), 2, 0, Duration.ofSeconds(2));

    private final Clock clock = Clock.systemUTC();
    private final ChannelChains chains = chains();

    @Test
    void aChannelNamingNoneGetsItsConfiguredProvidersInOrderOrTheSandbox() {
        ChannelProviders carriers = chains.carriers(routes(NONE, true));

        assertThat(((FailoverChain) carriers.forChannel(Channel.EMAIL)).breakerStates())
                .containsOnlyKeys("relay-a", "relay-b");
        assertThat(carriers.forChannel(Channel.SMS).name()).isEqualTo("sandbox");
        assertThat(carriers.forChannel(Channel.IN_APP).name()).isEqualTo("inbox");
        assertThat(carriers.forChannel(Channel.KAKAO)).isInstanceOf(FallbackChannel.class);
    }

    @Test
    void theNamedProvidersInTheirOrderAndKakaoAloneWhenItsFallbackIsOff() {
        ChannelProviders carriers = chains.carriers(routes(
                new ChannelsProperties.Route(List.of("relay-b", "sandbox", "relay-a")), false));

        assertThat(((FailoverChain) carriers.forChannel(Channel.EMAIL)).breakerStates().keySet())
                .containsExactly("relay-b", "sandbox", "relay-a");
        assertThat(carriers.forChannel(Channel.KAKAO)).isInstanceOf(FailoverChain.class);
    }

    @Test
    void anUnknownNameAProviderOfAnotherChannelOrARepeatStopsStartUpNamingTheKey() {
        StartupProblem unknown = catchThrowableOfType(StartupProblem.class, () -> chains.carriers(routes(
                new ChannelsProperties.Route(List.of("relay-c")), true)));
        StartupProblem otherChannel = catchThrowableOfType(StartupProblem.class, () -> chains.carriers(routes(
                new ChannelsProperties.Route(List.of("inbox")), true)));
        StartupProblem twice = catchThrowableOfType(StartupProblem.class, () -> chains.carriers(routes(
                new ChannelsProperties.Route(List.of("relay-a", "relay-a")), true)));

        assertThat(unknown).hasMessage(
                "herald.channels.email.providers names 'relay-c', but no provider has that name");
        assertThat(otherChannel).hasMessage(
                "herald.channels.email.providers names 'inbox', which carries IN_APP, not EMAIL");
        assertThat(twice).hasMessage("herald.channels.email.providers lists a provider twice");
    }

    private static ChannelsProperties routes(ChannelsProperties.Route email, boolean kakaoFallsBackToSms) {
        return new ChannelsProperties(email, NONE, NONE, NONE, new ChannelsProperties.SlackRoute(null, null),
                new ChannelsProperties.KakaoRoute(null, kakaoFallsBackToSms), NONE);
    }

    private ChannelChains chains() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:chains-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        JdbcStores stores = JdbcStores.open(h2, clock);
        IdGenerator ids = new IdGenerator(clock);
        ProvidersProperties providers = new ProvidersProperties(new ProvidersProperties.Sandbox(Duration.ZERO),
                List.of(smtp("relay-a"), smtp("relay-b")), null, null, null, null, null, null, null);
        BuiltProviders built = BuiltProviders.build(List.of(new SmtpProviderFactory()), providers,
                new LongestSendRule(Duration.ofMinutes(1)));
        return new ChannelChains(built, new InboxProvider(new Inbox(stores.inbox(), stores.notifications(), InboxListener.NONE, clock), ids, clock),
                new SandboxProviderFactory(stores.sandbox(), ids, clock, Duration.ZERO), clock, Duration.ofSeconds(30),
                ProviderCalls.NONE);
    }

    private static ProvidersProperties.Smtp smtp(String name) {
        return new ProvidersProperties.Smtp(name, "localhost", 25, null, null, "herald@localhost", false,
                Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(12),
                new ProvidersProperties.SmtpPool(8, Duration.ofSeconds(30), Duration.ofSeconds(2), 100), GUARDS);
    }
}
