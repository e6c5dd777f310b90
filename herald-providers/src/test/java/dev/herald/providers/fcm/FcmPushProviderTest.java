package dev.herald.providers.fcm;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.herald.core.channel.OutboundMessage;
import dev.herald.core.channel.SendResult;
import dev.herald.core.model.Channel;
import dev.herald.providers.http.HttpSettings;
import dev.herald.providers.push.KeySource;
import dev.herald.providers.push.UnreadableKey;
import dev.herald.testkit.TestOutbound;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;

class FcmPushProviderTest {
    private static final String SEND = "/v1/projects/herald-test/messages:send";
    private static final String TOKEN = "/token";
    private static final String CLIENT_EMAIL = "herald@herald-test.iam.gserviceaccount.com";

    @RegisterExtension
    static WireMockExtension google = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @TempDir
    Path dir;

    private final JsonMapper json = JsonMapper.builder().build();
    private final KeyPair serviceAccountKey = rsaKeyPair();

    @BeforeEach
    void tokenEndpointIssuesTokens() {
        google.stubFor(post(urlEqualTo(TOKEN)).willReturn(okJson("""
                {"access_token":"ya29.test","expires_in":3600,"token_type":"Bearer"}""")));
    }

    private FcmPushProvider provider() {
        return provider(google.baseUrl() + TOKEN, null);
    }

    private FcmPushProvider provider(String keyTokenUri, String tokenUriOverride) {
        return new FcmPushProvider(new FcmSettings("fcm", google.baseUrl(), null, KeySource.file(serviceAccountFile(keyTokenUri)),
                tokenUriOverride, new HttpSettings(Duration.ofSeconds(2), Duration.ofSeconds(1))), Clock.systemUTC());
    }

    private static OutboundMessage push(String address) {
        return TestOutbound.to(Channel.PUSH, address, "Your order shipped", "Order #42 is on its way");
    }

    private static void fcmAnswers(int status, String body) {
        google.stubFor(post(urlEqualTo(SEND)).willReturn(aResponse().withStatus(status)
                .withHeader("Content-Type", "application/json").withBody(body)));
    }

    private static String fcmError(int code, String status, String errorCode, String message) {
        return """
                {"error":{"code":%d,"message":"%s","status":"%s","details":[
                  {"@type":"type.googleapis.com/google.firebase.fcm.v1.FcmError","errorCode":"%s"}]}}"""
                .formatted(code, message, status, errorCode);
    }

    @Test
    void sendsTheNotificationWithAnAccessTokenFromTheServiceAccountAndReturnsFcmsMessageName() {
        fcmAnswers(200, """
                {"name":"projects/herald-test/messages/0:1500415314455276%31bd1c9631bd1c96"}""");
        OutboundMessage message = push("fcm:device-token-1");

        SendResult result = provider().send(message);

        assertThat(result).isEqualTo(new SendResult.Sent("fcm",
                "projects/herald-test/messages/0:1500415314455276%31bd1c9631bd1c96"));
        google.verify(postRequestedFor(urlEqualTo(SEND))
                .withHeader("Authorization", equalTo("Bearer ya29.test"))
                .withHeader("Content-Type", equalTo("application/json; charset=UTF-8"))
                .withRequestBody(equalToJson("""
                        {"message":{
                          "token":"device-token-1",
                          "notification":{"title":"Your order shipped","body":"Order #42 is on its way"},
                          "data":{"deliveryId":"%s","notificationId":"%s","type":"order.shipped"}}}"""
                        .formatted(message.deliveryId(), message.notificationId()))));
    }

    @Test
    void fetchesTheAccessTokenWithAJwtBearerGrantSignedByTheServiceAccountKey() throws Exception {
        fcmAnswers(200, """
                {"name":"projects/herald-test/messages/1"}""");

        provider().send(push("device-token-1"));

        google.verify(postRequestedFor(urlEqualTo(TOKEN))
                .withFormParam("grant_type", equalTo("urn:ietf:params:oauth:grant-type:jwt-bearer")));
        LoggedRequest tokenRequest = google.findAll(postRequestedFor(urlEqualTo(TOKEN))).getFirst();
        String[] jwt = form(tokenRequest).get("assertion").split("\\.");
        Signature rs256 = Signature.getInstance("SHA256withRSA");
        rs256.initVerify(serviceAccountKey.getPublic());
        rs256.update((jwt[0] + "." + jwt[1]).getBytes(StandardCharsets.US_ASCII));
        assertThat(rs256.verify(Base64.getUrlDecoder().decode(jwt[2]))).isTrue();
        JsonNode header = json.readTree(Base64.getUrlDecoder().decode(jwt[0]));
        JsonNode claims = json.readTree(Base64.getUrlDecoder().decode(jwt[1]));
        assertThat(header.path("alg").stringValue()).isEqualTo("RS256");
        assertThat(header.path("kid").stringValue()).isEqualTo("key-1");
        assertThat(claims.path("iss").stringValue()).isEqualTo(CLIENT_EMAIL);
        assertThat(claims.path("scope").stringValue()).isEqualTo("https://www.googleapis.com/auth/firebase.messaging");
        // The library always addresses the assertion to Google's token server, whichever endpoint it posts it to.
        assertThat(claims.path("aud").stringValue()).isEqualTo("https://oauth2.googleapis.com/token");
    }

    @Test
    void reusesTheAccessTokenUntilItExpires() {
        fcmAnswers(200, """
                {"name":"projects/herald-test/messages/1"}""");
        FcmPushProvider provider = provider();

        provider.send(push("device-token-1"));
        provider.send(push("device-token-2"));

        google.verify(1, postRequestedFor(urlEqualTo(TOKEN)));
        google.verify(2, postRequestedFor(urlEqualTo(SEND)).withHeader("Authorization", equalTo("Bearer ya29.test")));
    }

    @Test
    void aConfiguredTokenUriReplacesTheOneInTheKey() {
        fcmAnswers(200, """
                {"name":"projects/herald-test/messages/1"}""");

        SendResult result = provider("https://oauth2.invalid/token", google.baseUrl() + TOKEN).send(push("t"));

        assertThat(result).isInstanceOf(SendResult.Sent.class);
        google.verify(1, postRequestedFor(urlEqualTo(TOKEN)));
    }

    @Test
    void anUnregisteredTokenIsRejectedAsAnInvalidAddress() {
        fcmAnswers(404, fcmError(404, "NOT_FOUND", "UNREGISTERED", "Requested entity was not found."));

        SendResult result = provider().send(push("fcm:dead-token"));

        assertThat(result).isEqualTo(new SendResult.Rejected("fcm",
                "device token is no longer registered: FCM UNREGISTERED (HTTP 404)", true));
    }

    @Test
    void aMalformedRegistrationTokenIsRejectedAsAnInvalidAddress() {
        fcmAnswers(400, fcmError(400, "INVALID_ARGUMENT", "INVALID_ARGUMENT",
                "The registration token is not a valid FCM registration token"));

        SendResult result = provider().send(push("fcm:garbage"));

        assertThat(result).isEqualTo(new SendResult.Rejected("fcm",
                "device token is not a valid FCM registration token: FCM INVALID_ARGUMENT (HTTP 400)", true));
    }

    @Test
    void aTokenOfAnotherSenderIsRejectedAsAnInvalidAddress() {
        fcmAnswers(403, fcmError(403, "PERMISSION_DENIED", "SENDER_ID_MISMATCH", "SenderId mismatch"));

        SendResult result = provider().send(push("fcm:foreign-token"));

        assertThat(result).isEqualTo(new SendResult.Rejected("fcm",
                "device token belongs to another Firebase sender (check the configured project): "
                        + "FCM SENDER_ID_MISMATCH (HTTP 403)", false));
    }

    @Test
    void anInvalidMessageIsRefusedForGoodWithoutBlamingTheToken() {
        fcmAnswers(400, fcmError(400, "INVALID_ARGUMENT", "INVALID_ARGUMENT",
                "Invalid value at 'message.data[0].value' (TYPE_STRING), 'secret text'"));

        SendResult result = provider().send(push("fcm:device-token-1"));

        assertThat(result).isEqualTo(new SendResult.Rejected("fcm", "FCM INVALID_ARGUMENT (HTTP 400)", false));
    }

    @Test
    void anUnavailableServiceIsRetried() {
        fcmAnswers(503, fcmError(503, "UNAVAILABLE", "UNAVAILABLE", "The service is currently unavailable."));

        SendResult result = provider().send(push("fcm:device-token-1"));

        assertThat(result).isEqualTo(new SendResult.Retry("fcm", "FCM UNAVAILABLE (HTTP 503)"));
    }

    @Test
    void anExceededQuotaIsRetriedAfterTheAnnouncedDelay() {
        google.stubFor(post(urlEqualTo(SEND)).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "30")
                .withHeader("Content-Type", "application/json")
                .withBody(fcmError(429, "RESOURCE_EXHAUSTED", "QUOTA_EXCEEDED", "Quota exceeded."))));

        SendResult result = provider().send(push("fcm:device-token-1"));

        assertThat(result).isEqualTo(new SendResult.Retry("fcm", "FCM QUOTA_EXCEEDED (HTTP 429)",
                Optional.of(Duration.ofSeconds(30))));
    }

    @Test
    void oneDeviceOverItsRateIsThatRecipientsTroubleNotFcms() {
        google.stubFor(post(urlEqualTo(SEND)).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "30")
                .withHeader("Content-Type", "application/json")
                .withBody(fcmError(429, "RESOURCE_EXHAUSTED", "QUOTA_EXCEEDED", "Device message rate exceeded."))));

        SendResult result = provider().send(push("fcm:device-token-1"));

        assertThat(result).isEqualTo(new SendResult.Retry("fcm",
                "FCM QUOTA_EXCEEDED (HTTP 429): too many messages to this device", Optional.of(Duration.ofSeconds(30)),
                true, true));
    }

    @Test
    void aSlowAnswerIsRetriedAfterTheRequestTimeout() {
        google.stubFor(post(urlEqualTo(SEND)).willReturn(okJson("""
                {"name":"projects/herald-test/messages/1"}""").withFixedDelay(3000)));

        SendResult result = provider().send(push("fcm:device-token-1"));

        assertThat(result).isEqualTo(new SendResult.Retry("fcm", "timed out after 1000 ms"));
    }

    @Test
    void aRefusedAccessTokenIsRetriedAndReplacedForTheNextAttempt() {
        google.stubFor(post(urlEqualTo(SEND)).inScenario("revoked").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json").withBody("""
                        {"error":{"code":401,"message":"Request had invalid authentication credentials.",
                          "status":"UNAUTHENTICATED"}}"""))
                .willSetStateTo("token replaced"));
        google.stubFor(post(urlEqualTo(SEND)).inScenario("revoked").whenScenarioStateIs("token replaced")
                .willReturn(okJson("""
                        {"name":"projects/herald-test/messages/2"}""")));
        FcmPushProvider provider = provider();

        SendResult first = provider.send(push("fcm:device-token-1"));
        SendResult second = provider.send(push("fcm:device-token-1"));

        assertThat(first).isEqualTo(new SendResult.Retry("fcm",
                "FCM refused the access token; a new one is fetched for the next attempt: "
                        + "FCM UNAUTHENTICATED (HTTP 401)"));
        assertThat(second).isEqualTo(new SendResult.Sent("fcm", "projects/herald-test/messages/2"));
        google.verify(2, postRequestedFor(urlEqualTo(TOKEN)));
    }

    @Test
    void aTokenEndpointThatIsDownIsRetriedWithoutCallingFcm() {
        google.stubFor(post(urlEqualTo(TOKEN)).willReturn(aResponse().withStatus(503)));

        SendResult result = provider().send(push("fcm:device-token-1"));

        assertThat(result).isEqualTo(new SendResult.Retry("fcm",
                "could not obtain an FCM access token: the token endpoint answered HTTP 503"));
        google.verify(0, postRequestedFor(urlEqualTo(SEND)));
    }

    @Test
    void aTokenEndpointThatDoesNotAnswerInTimeIsRetried() {
        google.stubFor(post(urlEqualTo(TOKEN)).willReturn(okJson("""
                {"access_token":"ya29.late","expires_in":3600,"token_type":"Bearer"}""").withFixedDelay(3000)));

        SendResult result = provider().send(push("fcm:device-token-1"));

        assertThat(result).isEqualTo(new SendResult.Retry("fcm",
                "could not obtain an FCM access token: the token endpoint did not answer within 1000 ms"));
        google.verify(0, postRequestedFor(urlEqualTo(SEND)));
    }

    @Test
    void theKeyMayBeGivenAsJsonTextAndSendsExactlyAsFromAFile() throws Exception {
        fcmAnswers(200, """
                {"name":"projects/herald-test/messages/2"}""");
        String text = Files.readString(serviceAccountFile(google.baseUrl() + TOKEN));
        FcmPushProvider provider = new FcmPushProvider(new FcmSettings("tenant-fcm", google.baseUrl(), null,
                KeySource.inline("service-account-json", text), null, null), Clock.systemUTC());

        assertThat(provider.send(push("device-token-1"))).isEqualTo(
                new SendResult.Sent("tenant-fcm", "projects/herald-test/messages/2"));
        assertThat(provider.tokenEndpoint()).hasToString(google.baseUrl() + TOKEN);
        google.verify(postRequestedFor(urlEqualTo(SEND)).withHeader("Authorization", equalTo("Bearer ya29.test")));
    }

    @Test
    void anUnreadableInlineKeyIsNamedByItsSettingAndItsTextIsNeverQuoted() throws Exception {
        String secretish = "not-json-MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQ";
        String noPrivateKey = json.writeValueAsString(Map.of("type", "service_account", "project_id", "p",
                "client_email", "x@p.iam.gserviceaccount.com", "client_id", "1", "private_key_id", "k"));
        for (String text : new String[] {secretish, noPrivateKey, "{\"private_key\":\"" + secretish + "\"}"}) {
            KeySource inline = KeySource.inline("service-account-json", text);
            assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> new FcmPushProvider(new FcmSettings(
                    "fcm", null, null, inline, null, null), Clock.systemUTC())))
                    .isInstanceOf(UnreadableKey.class)
                    .hasMessageContaining("service-account-json")
                    .hasMessageNotContaining("MIIEvQ").hasMessageNotContaining("x@p.iam")
                    .hasNoCause()
                    .satisfies(e -> assertThat(((UnreadableKey) e).source()).isEqualTo(inline));
            assertThat(inline.toString()).doesNotContain(text);
        }
    }

    @Test
    void acceptsOnlyFcmTokens() {
        FcmPushProvider provider = provider();

        assertThat(provider.accepts("fcm:device-token-1")).isTrue();
        assertThat(provider.accepts("device-token-1")).isTrue();
        assertThat(provider.accepts("apns:0a1b2c")).isFalse();
        assertThat(provider.accepts("")).isFalse();
    }

    @Test
    void anApnsTokenIsNotSentToFcm() {
        SendResult result = provider().send(push("apns:0a1b2c"));

        assertThat(result).isEqualTo(new SendResult.Rejected("fcm", "not an FCM device token", false));
        google.verify(0, postRequestedFor(urlEqualTo(SEND)));
    }

    private Path serviceAccountFile(String tokenUri) {
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(serviceAccountKey.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        Map<String, String> key = new HashMap<>();
        key.put("type", "service_account");
        key.put("project_id", "herald-test");
        key.put("private_key_id", "key-1");
        key.put("private_key", pem);
        key.put("client_email", CLIENT_EMAIL);
        key.put("client_id", "1234567890");
        key.put("token_uri", tokenUri);
        try {
            return Files.writeString(dir.resolve("service-account.json"), json.writeValueAsString(key));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, String> form(LoggedRequest request) {
        Map<String, String> form = new HashMap<>();
        for (String pair : request.getBodyAsString().split("&")) {
            int eq = pair.indexOf('=');
            form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return form;
    }

    private static KeyPair rsaKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
