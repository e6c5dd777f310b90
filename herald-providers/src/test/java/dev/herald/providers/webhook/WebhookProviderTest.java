package dev.herald.providers.webhook;

import dev.herald.core.channel.DisabledEndpoints;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.herald.core.channel.OutboundMessage;
import dev.herald.core.channel.SendResult;
import dev.herald.core.model.Channel;
import dev.herald.providers.http.HttpSettings;
import dev.herald.testkit.TestOutbound;
import dev.herald.core.model.TraceParent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WebhookProviderTest {
    private static final String PATH = "/herald/events";
    private static final String INLINE_PATH = "/callers/hook";
    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final String INLINE_SECRET = "whsec_" + Base64.getEncoder()
            .encodeToString("inline-secret-of-24-bytes!".getBytes(StandardCharsets.US_ASCII));
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    @RegisterExtension
    static WireMockExtension receiver = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private final InMemoryDisabledEndpoints disabled = new InMemoryDisabledEndpoints();

    private static String endpoint() {
        return "http://localhost:" + receiver.getPort() + PATH;
    }

    private static String inlineUrl() {
        return "http://localhost:" + receiver.getPort() + INLINE_PATH;
    }

    private static WebhookSettings settings(Duration requestTimeout, boolean allowInline, List<String> hosts) {
        // WireMock listens on localhost: these tests allow internal addresses; one test shows the default refusal.
        return new WebhookSettings("webhook", endpoint(), SECRET, INLINE_SECRET,
                new HttpSettings(Duration.ofSeconds(2), requestTimeout), allowInline, hosts, true, true);
    }

    private WebhookProvider provider() {
        return new WebhookProvider(settings(Duration.ofSeconds(5), false, List.of()), disabled, CLOCK);
    }

    private static OutboundMessage shippedTo(String address) {
        return TestOutbound.to(Channel.WEBHOOK, address, "Order shipped", "Your order A-42 is on its way",
                Map.of("orderId", "A-42", "items", 3));
    }

    private static void receiverAnswers(int status, String body) {
        receiver.stubFor(post(PATH).willReturn(aResponse().withStatus(status).withBody(body)));
    }

    private static LoggedRequest onlyRequest() {
        List<LoggedRequest> requests = receiver.findAll(postRequestedFor(urlEqualTo(PATH)));
        assertThat(requests).hasSize(1);
        return requests.getFirst();
    }

    @Test
    void postsTheStandardEnvelopeToTheConfiguredUrlForAUser() {
        receiverAnswers(204, "");
        OutboundMessage message = shippedTo("user-1");

        SendResult result = provider().send(message);

        assertThat(result).isEqualTo(new SendResult.Sent("webhook", message.deliveryId().toString()));
        receiver.verify(1, postRequestedFor(urlEqualTo(PATH))
                .withHeader("Content-Type", equalTo("application/json"))
                .withHeader("webhook-id", equalTo(message.deliveryId().toString()))
                .withHeader("webhook-timestamp", equalTo(Long.toString(NOW.getEpochSecond())))
                .withRequestBody(equalToJson("""
                        {"type": "order.shipped",
                         "timestamp": "2026-03-01T12:00:00Z",
                         "data": {"tenant": "default",
                                  "deliveryId": "%s",
                                  "notificationId": "%s",
                                  "recipient": {"userId": "user-1"},
                                  "title": "Order shipped",
                                  "text": "Your order A-42 is on its way",
                                  "data": {"orderId": "A-42", "items": 3}}}"""
                        .formatted(message.deliveryId(), message.notificationId()))));
    }

    @Test
    void aMessageWithATraceContextCarriesItAsTraceparentAndOneWithoutCarriesNone() {
        receiverAnswers(204, "");
        OutboundMessage untraced = shippedTo("user-1");
        TraceParent trace = TraceParent.parse("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
        OutboundMessage traced = new OutboundMessage(untraced.deliveryId(), untraced.tenant(),
                untraced.notificationId(), untraced.type(), untraced.channel(), untraced.userId(), untraced.address(),
                untraced.message(), trace);

        provider().send(untraced);
        assertThat(onlyRequest().containsHeader("traceparent")).isFalse();
        receiver.resetRequests();
        provider().send(traced);

        assertThat(onlyRequest().getHeader("traceparent")).isEqualTo(trace.header());
    }

    @Test
    void theSignatureIsTheHmacOfIdTimestampAndTheBodyAsReceived() throws Exception {
        receiverAnswers(200, "");
        OutboundMessage message = shippedTo("user-1");

        provider().send(message);

        LoggedRequest request = onlyRequest();
        String id = request.getHeader("webhook-id");
        String timestamp = request.getHeader("webhook-timestamp");
        assertThat(id).isEqualTo(message.deliveryId().toString());
        assertThat(timestamp).isEqualTo("1772366400");
        // Recomputed here from the spec, not with the provider's signer: the secret's base64 part is the key.
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(SECRET.substring("whsec_".length())), "HmacSHA256"));
        String body = new String(request.getBody(), StandardCharsets.UTF_8);
        byte[] expected = mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
        assertThat(request.getHeader("webhook-signature"))
                .isEqualTo("v1," + Base64.getEncoder().encodeToString(expected));
    }

    @Test
    void theWebhookIdStaysTheSameAcrossRetriesSoReceiversCanDropRepeats() {
        OutboundMessage message = shippedTo("user-1");
        receiverAnswers(503, "busy");
        SendResult first = provider().send(message);
        receiverAnswers(200, "");
        SendResult second = provider().send(message);

        assertThat(first).isInstanceOf(SendResult.Retry.class);
        assertThat(second).isInstanceOf(SendResult.Sent.class);
        assertThat(receiver.findAll(postRequestedFor(urlEqualTo(PATH))))
                .extracting(r -> r.getHeader("webhook-id"))
                .containsExactly(message.idempotencyKey(), message.idempotencyKey());
    }

    @Test
    void aClientErrorRefusesTheMessage() {
        receiverAnswers(422, "{\"error\":\"unknown type\"}");

        SendResult result = provider().send(shippedTo("user-1"));

        assertThat(result).isEqualTo(new SendResult.Rejected("webhook", "HTTP 422: {\"error\":\"unknown type\"}", false));
    }

    @Test
    void aServerErrorIsRetried() {
        receiverAnswers(500, "oops");

        SendResult result = provider().send(shippedTo("user-1"));

        assertThat(result).isEqualTo(new SendResult.Retry("webhook", "HTTP 500: oops", Optional.empty()));
    }

    @Test
    void rateLimitingIsRetriedAfterTheDateTheReceiverGives() {
        receiver.stubFor(post(PATH).willReturn(aResponse().withStatus(429)
                .withHeader("Retry-After", "Sun, 01 Mar 2026 12:02:00 GMT")));

        SendResult result = provider().send(shippedTo("user-1"));

        assertThat(result).isInstanceOf(SendResult.Retry.class);
        assertThat(((SendResult.Retry) result).retryAfter()).contains(Duration.ofMinutes(2));
    }

    @Test
    void aSlowReceiverTimesOutAndIsRetried() {
        receiver.stubFor(post(PATH).willReturn(aResponse().withStatus(200).withFixedDelay(3000)));
        WebhookProvider impatient = new WebhookProvider(settings(Duration.ofMillis(300), false, List.of()), disabled,
                CLOCK);

        SendResult result = impatient.send(shippedTo("user-1"));

        assertThat(result).isEqualTo(new SendResult.Retry("webhook", "timed out after 300 ms"));
    }

    @Test
    void goneDisablesTheEndpointAndLaterSendsMakeNoCall() {
        receiverAnswers(410, "");
        WebhookProvider webhook = provider();

        SendResult gone = webhook.send(shippedTo("user-1"));
        SendResult next = webhook.send(shippedTo("user-2"));

        assertThat(gone).isEqualTo(new SendResult.Rejected("webhook",
                "HTTP 410 Gone: endpoint disabled until re-enabled", false));
        assertThat(disabled.find(endpoint())).contains(new DisabledEndpoints.Disabled("HTTP 410 Gone", NOW));
        assertThat(next).isEqualTo(new SendResult.Rejected("webhook",
                "endpoint disabled after 410 on 2026-03-01T12:00:00Z; re-enable it once its owner has fixed it", false));
        receiver.verify(1, anyRequestedFor(anyUrl()));
    }

    @Test
    void aReEnabledEndpointIsCalledAgain() {
        receiverAnswers(200, "");
        disabled.disable(endpoint(), "HTTP 410 Gone", NOW.minusSeconds(3600));
        disabled.enable(endpoint());

        SendResult result = provider().send(shippedTo("user-1"));

        assertThat(result).isInstanceOf(SendResult.Sent.class);
    }

    @Test
    void anInlineUrlIsRefusedByDefaultWithoutACall() {
        SendResult result = provider().send(shippedTo(inlineUrl()));

        assertThat(result).isEqualTo(new SendResult.Rejected("webhook", "inline webhook URLs are disabled", true));
        receiver.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void anInlineUrlOnAnAllowedHostIsPostedToWhenInlineUrlsAreOn() {
        receiver.stubFor(post(INLINE_PATH).willReturn(aResponse().withStatus(200)));
        WebhookProvider open = new WebhookProvider(settings(Duration.ofSeconds(5), true, List.of("localhost")),
                disabled, CLOCK);
        OutboundMessage message = shippedTo(inlineUrl());

        SendResult result = open.send(message);

        assertThat(result).isEqualTo(new SendResult.Sent("webhook", message.idempotencyKey()));
        receiver.verify(1, postRequestedFor(urlEqualTo(INLINE_PATH))
                .withHeader("webhook-id", equalTo(message.idempotencyKey()))
                .withRequestBody(equalToJson("{\"data\": {\"recipient\": {\"userId\": \"user-1\"}}}", true, true)));
    }

    @Test
    void anInlineUrlOnAHostOutsideTheAllowListIsRefusedWithoutACall() {
        WebhookProvider open = new WebhookProvider(settings(Duration.ofSeconds(5), true, List.of("hooks.example.com")),
                disabled, CLOCK);

        SendResult result = open.send(shippedTo(inlineUrl()));
        SendResult metadata = open.send(shippedTo("http://169.254.169.254/latest/meta-data/"));

        assertThat(result).isEqualTo(new SendResult.Rejected("webhook",
                "inline webhook URL refused: host localhost is not in allowedHosts", true));
        assertThat(metadata).isInstanceOf(SendResult.Rejected.class);
        receiver.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void aMalformedSecretIsAConfigurationErrorThatDoesNotRepeatTheSecret() {
        WebhookSettings bad = new WebhookSettings("webhook", endpoint(), "whsec_not*base64!", null,
                HttpSettings.defaults(), false, List.of(), false, false);

        assertThatThrownBy(() -> new WebhookProvider(bad, disabled, CLOCK))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("not*base64");
        assertThat(bad.toString()).doesNotContain("not*base64");
    }

    @Test
    void anInlineUrlThatResolvesToAnInternalAddressFailsWithoutACall() {
        // The host is allowed by name, but localhost is 127.0.0.1: without the explicit allowance it is refused.
        WebhookProvider strict = new WebhookProvider(new WebhookSettings("webhook", endpoint(), SECRET, INLINE_SECRET,
                HttpSettings.defaults(), true, List.of("localhost", "169.254.169.254", "10.0.0.1"), true, false),
                disabled, CLOCK);

        SendResult loopback = strict.send(shippedTo(inlineUrl()));
        SendResult metadata = strict.send(shippedTo("http://169.254.169.254/latest/meta-data/"));
        SendResult privateNet = strict.send(shippedTo("http://10.0.0.1/hook"));

        assertThat(loopback).isEqualTo(new SendResult.Rejected("webhook", "inline webhook URL refused: host localhost"
                + " resolves to a loopback address (allow-internal-addresses is off)", true));
        assertThat(metadata).isInstanceOfSatisfying(SendResult.Rejected.class,
                r -> assertThat(r.reason()).contains("link-local"));
        assertThat(privateNet).isInstanceOfSatisfying(SendResult.Rejected.class,
                r -> assertThat(r.reason()).contains("private"));
        receiver.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void aSecretShorterThan24BytesIsAConfigurationError() {
        String short16 = "whsec_" + Base64.getEncoder().encodeToString(new byte[16]);

        assertThatThrownBy(() -> new WebhookProvider(WebhookSettings.endpoint("webhook", endpoint(), short16),
                disabled, CLOCK)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("secret is 16 bytes; at least 24");
    }

    @Test
    void inlineUrlsAreSignedWithTheirOwnSecretNotTheEndpoints() throws Exception {
        receiver.stubFor(post(INLINE_PATH).willReturn(aResponse().withStatus(200)));
        WebhookProvider open = new WebhookProvider(settings(Duration.ofSeconds(5), true, List.of("localhost")),
                disabled, CLOCK);

        open.send(shippedTo(inlineUrl()));

        LoggedRequest request = receiver.findAll(postRequestedFor(urlEqualTo(INLINE_PATH))).getFirst();
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(INLINE_SECRET.substring("whsec_".length())),
                "HmacSHA256"));
        String signed = request.getHeader("webhook-id") + "." + request.getHeader("webhook-timestamp") + "."
                + request.getBodyAsString();
        assertThat(request.getHeader("webhook-signature")).isEqualTo("v1," + Base64.getEncoder()
                .encodeToString(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void theInlineSecretMustDifferFromTheEndpointSecret() {
        WebhookSettings same = new WebhookSettings("webhook", endpoint(), SECRET, SECRET, HttpSettings.defaults(),
                true, List.of("localhost"), true, true);

        assertThatThrownBy(() -> new WebhookProvider(same, disabled, CLOCK))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("inline-secret must differ");
    }
}
