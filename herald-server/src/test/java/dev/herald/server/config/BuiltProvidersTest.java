package dev.herald.server.config;

import dev.herald.core.channel.ChannelProvider;
import dev.herald.core.model.Channel;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Providers are built by their kind's factory; names, guards and the lease rule are checked for every kind alike. */
class BuiltProvidersTest {
    private static final ProvidersProperties.Guards GUARDS = new ProvidersProperties.Guards(20, 5, 50f,
            Duration.ofSeconds(30), 2, 0, Duration.ofSeconds(2));
    private static final LongestSendRule MINUTE_LEASE = new LongestSendRule(Duration.ofMinutes(1));

    private final List<ProviderFactory<?>> factories = List.of(new SmtpProviderFactory(),
            new HttpSmsProviderFactory(Clock.systemUTC()));

    @Test
    void unnamedEntriesAreNamedAfterTheirKindAndNumberedWhenThereAreSeveral() {
        BuiltProviders built = BuiltProviders.build(factories, providers(List.of(smtp(null, "relay-a"),
                smtp(" ", "relay-b")), List.of(httpSms(null, "https://sms.example.com/send"))), MINUTE_LEASE);

        assertThat(built.byName()).containsOnlyKeys("smtp-1", "smtp-2", "http-sms");
        assertThat(built.byName().values()).extracting(ChannelProvider::channel)
                .containsExactly(Channel.EMAIL, Channel.EMAIL, Channel.SMS);
        assertThat(built.guards()).containsOnlyKeys("smtp-1", "smtp-2", "http-sms");
        assertThat(built.kinds()).isEqualTo(Map.of("smtp-1", "smtp", "smtp-2", "smtp",
                "http-sms", "http-sms"));
    }

    @Test
    void aReservedOrRepeatedNameStopsStartUpNamingTheEntry() {
        StartupProblem reserved = catchThrowableOfType(StartupProblem.class, () -> BuiltProviders.build(factories,
                providers(List.of(smtp("inbox", "relay")), List.of()), MINUTE_LEASE));
        StartupProblem repeated = catchThrowableOfType(StartupProblem.class, () -> BuiltProviders.build(factories,
                providers(List.of(smtp("main", "relay")), List.of(httpSms("main", "https://sms.example.com/send"))),
                MINUTE_LEASE));

        assertThat(reserved).hasMessage("herald.providers.smtp[0].name 'inbox' is already taken");
        assertThat(repeated).hasMessage("herald.providers.http-sms[0].name 'main' is already taken");
    }

    @Test
    void aMissingSettingStopsStartUpNamingTheEntryAndTheSetting() {
        StartupProblem missing = catchThrowableOfType(StartupProblem.class, () -> BuiltProviders.build(factories,
                providers(List.of(smtp(null, null)), List.of()), MINUTE_LEASE));

        assertThat(missing).hasMessageStartingWith("herald.providers.smtp[0] (smtp) is not usable:")
                .hasMessageContaining("host is required");
    }

    @Test
    void aSendThatCannotFitHalfTheLeaseNamesTheKindsOwnTimeoutSetting() {
        LongestSendRule tenSecondLease = new LongestSendRule(Duration.ofSeconds(10));

        StartupProblem smtp = catchThrowableOfType(StartupProblem.class, () -> BuiltProviders.build(factories,
                providers(List.of(smtp(null, "relay")), List.of()), tenSecondLease));
        StartupProblem sms = catchThrowableOfType(StartupProblem.class, () -> BuiltProviders.build(factories,
                providers(List.of(), List.of(httpSms(null, "https://sms.example.com/send"))), tenSecondLease));

        assertThat(smtp.action()).contains("herald.providers.smtp[0].send-timeout");
        assertThat(sms.action()).contains("herald.providers.http-sms[0].http.request-timeout");
    }

    private static ProvidersProperties providers(List<ProvidersProperties.Smtp> smtp,
                                                 List<ProvidersProperties.HttpSms> httpSms) {
        return new ProvidersProperties(new ProvidersProperties.Sandbox(Duration.ZERO), smtp, null, httpSms, null,
                null, null, null, null);
    }

    private static ProvidersProperties.Smtp smtp(String name, String host) {
        return new ProvidersProperties.Smtp(name, host, 25, null, null, "herald@localhost", false,
                Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(12),
                new ProvidersProperties.SmtpPool(8, Duration.ofSeconds(30), Duration.ofSeconds(2), 100), GUARDS);
    }

    private static ProvidersProperties.HttpSms httpSms(String name, String url) {
        return new ProvidersProperties.HttpSms(name, url, null, null, null, null, null,
                new ProvidersProperties.Http(Duration.ofSeconds(5), Duration.ofSeconds(10)), GUARDS);
    }
}
