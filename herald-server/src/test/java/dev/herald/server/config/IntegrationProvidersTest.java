package dev.herald.server.config;

import dev.herald.core.request.InvalidRequestException;
import dev.herald.core.request.Violation;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A tenant's settings go through the factories start-up uses, and may not point Herald at internal hosts. */
class IntegrationProvidersTest {
    private final IntegrationProviders providers = new IntegrationProviders(
            List.of(new SmtpProviderFactory(), new HttpSmsProviderFactory(Clock.systemUTC()),
                    new TwilioProviderFactory(null, Clock.systemUTC())),
            Duration.ofSeconds(30), false);

    private static List<Violation> refusal(Runnable build) {
        try {
            build.run();
        } catch (InvalidRequestException e) {
            return e.violations();
        }
        throw new AssertionError("expected a refusal");
    }

    @Test
    void hostsThatLeadToThisMachineOrAPrivateNetworkAreRefused() {
        assertThat(refusal(() -> providers.build("relay", "smtp", Map.of("host", "127.0.0.1"), Map.of())))
                .extracting(Violation::field, Violation::rule).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("settings.host", "internal-address"));
        assertThat(refusal(() -> providers.build("relay", "smtp", Map.of("host", "10.1.2.3"), Map.of())))
                .extracting(Violation::rule).containsExactly("internal-address");
        assertThat(refusal(() -> providers.build("gw", "http-sms", Map.of("url", "https://169.254.169.254/x"),
                Map.of()))).extracting(Violation::field, Violation::rule).containsExactly(
                org.assertj.core.groups.Tuple.tuple("settings.url", "internal-address"));
        assertThat(refusal(() -> providers.build("gw", "http-sms", Map.of("url", "http://93.184.215.14/x"),
                Map.of()))).extracting(Violation::rule).containsExactly("format");
        assertThat(refusal(() -> providers.build("tw", "twilio", Map.of("base-url", "https://[::1]/",
                "account-sid", "AC1", "from-number", "+15005550006"), Map.of("auth-token", "t"))))
                .extracting(Violation::rule).containsExactly("internal-address");
    }

    @Test
    void aPublicAddressAndAKnownKindBuildTheProviderWithItsGuards() {
        IntegrationProviders.Built built = providers.build("relay", "smtp",
                Map.of("host", "93.184.215.14", "guards", Map.of("rate-per-second", 5)), Map.of("password", "p"));
        assertThat(built.provider().name()).isEqualTo("relay");
        assertThat(built.guards().ratePerSecond()).isEqualTo(5);
        assertThat(providers.kinds()).containsExactly("http-sms", "smtp", "twilio");
        assertThatThrownBy(() -> providers.build("x", "apns", Map.of(), Map.of()))
                .isInstanceOf(InvalidRequestException.class);
    }
}
