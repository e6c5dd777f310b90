package dev.herald.server.config;

import dev.herald.core.request.InvalidRequestException;
import dev.herald.core.request.Violation;
import dev.herald.testkit.peers.FcmServiceAccount;
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
                    new TwilioProviderFactory(null, Clock.systemUTC()), new FcmProviderFactory(Clock.systemUTC()),
                    new ApnsProviderFactory(Clock.systemUTC())),
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
        assertThat(providers.kinds()).containsExactly("apns", "fcm", "http-sms", "smtp", "twilio");
        assertThatThrownBy(() -> providers.build("x", "slack", Map.of(), Map.of()))
                .isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void aTenantsFcmKeyIsTextItsTokenUriMustLeadOutsideAndNoFileOnTheServerMayBeNamed() {
        String internalTokenUri = FcmServiceAccount.json("tenant-project", "https://127.0.0.1/token");
        assertThat(refusal(() -> providers.build("push", "fcm", Map.of(),
                Map.of("service-account-json", internalTokenUri))))
                .extracting(Violation::field, Violation::rule).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("settings.service-account-json", "internal-address"));
        assertThat(refusal(() -> providers.build("push", "fcm", Map.of(), Map.of("service-account-json",
                FcmServiceAccount.json("tenant-project", "ftp://93.184.215.14/token")))))
                .extracting(Violation::field, Violation::rule).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("settings.service-account-json", "format"));
        String publicKey = FcmServiceAccount.json("tenant-project", "https://93.184.215.14/token");
        assertThat(refusal(() -> providers.build("push", "fcm", Map.of("token-uri", "https://10.0.0.7/token"),
                Map.of("service-account-json", publicKey))))
                .extracting(Violation::field, Violation::rule).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("settings.token-uri", "internal-address"));
        assertThat(refusal(() -> providers.build("push", "fcm", Map.of("base-url", "https://192.168.1.1"),
                Map.of("service-account-json", publicKey))))
                .extracting(Violation::field, Violation::rule).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("settings.base-url", "internal-address"));
        assertThat(refusal(() -> providers.build("push", "fcm",
                Map.of("serviceAccountFile", "/etc/herald/fcm.json"), Map.of("service-account-json", publicKey))))
                .extracting(Violation::field, Violation::rule).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("settings.service-account-file", "not-allowed"));
        assertThat(refusal(() -> providers.build("push", "fcm", Map.of(), Map.of())))
                .extracting(Violation::field, Violation::rule).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("settings.service-account-json", "required"));

        // A key whose token_uri is a public host builds (this machine may not resolve Google's own names).
        IntegrationProviders.Built built = providers.build("push", "fcm", Map.of(),
                Map.of("service-account-json", publicKey));
        assertThat(built.provider().name()).isEqualTo("push");
        assertThat(built.provider().channel()).isEqualTo(dev.herald.core.model.Channel.PUSH);
    }

    @Test
    void aTenantsApnsKeyIsTextAndItMayTrustACertificateOnlyWhereInternalAddressesAreAllowed() {
        Map<String, Object> apns = Map.of("host", "93.184.215.14", "topic", "app", "team-id", "T", "key-id", "K",
                "trusted-server-certificates-pem", "-----BEGIN CERTIFICATE-----");
        assertThat(refusal(() -> providers.build("push", "apns", apns, Map.of("signing-key", "k"))))
                .extracting(Violation::field, Violation::rule).containsExactly(org.assertj.core.groups.Tuple.tuple(
                        "settings.trusted-server-certificates-pem", "not-allowed"));
        assertThat(refusal(() -> providers.build("push", "apns", Map.of("signing-key-file", "/k.p8", "topic", "a"),
                Map.of()))).extracting(Violation::field, Violation::rule).containsExactly(
                org.assertj.core.groups.Tuple.tuple("settings.signing-key-file", "not-allowed"));
        assertThat(refusal(() -> providers.build("push", "apns", Map.of("host", "10.0.0.1", "topic", "app",
                "team-id", "T", "key-id", "K"), Map.of("signing-key", "k"))))
                .extracting(Violation::field, Violation::rule).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("settings.host", "internal-address"));
    }
}
