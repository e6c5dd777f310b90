package dev.herald.providers.webhook;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookVerificationException;
import dev.herald.core.channel.SendResult;
import dev.herald.core.model.Channel;
import dev.herald.providers.http.HttpSettings;
import dev.herald.testkit.TestOutbound;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Checks our signatures with the Standard Webhooks project's own Java verifier ({@code com.standardwebhooks}),
 * as a receiver would. Runs on the system clock because the verifier rejects timestamps more than five minutes
 * from its own clock.
 */
class WebhookSignatureVerifierTest {
    private static final String PATH = "/herald/events";
    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    @RegisterExtension
    static WireMockExtension receiver = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private LoggedRequest sentRequest() {
        receiver.stubFor(post(PATH).willReturn(aResponse().withStatus(200)));
        WebhookProvider webhook = new WebhookProvider(new WebhookSettings("webhook",
                "http://localhost:" + receiver.getPort() + PATH, SECRET, null, HttpSettings.defaults(), false,
                List.of(), false, false), new InMemoryDisabledEndpoints(), Clock.systemUTC());
        // Non-ASCII text, so a body signed as one encoding and sent as another would fail.
        SendResult result = webhook.send(TestOutbound.to(Channel.WEBHOOK, "user-1", "주문이 발송되었습니다",
                "Ships today — «A-42»", Map.of("orderId", "A-42")));
        assertThat(result).isInstanceOf(SendResult.Sent.class);
        return receiver.findAll(postRequestedFor(urlEqualTo(PATH))).getFirst();
    }

    private static Map<String, List<String>> signatureHeaders(LoggedRequest request) {
        return Map.of(
                "webhook-id", List.of(request.getHeader("webhook-id")),
                "webhook-timestamp", List.of(request.getHeader("webhook-timestamp")),
                "webhook-signature", List.of(request.getHeader("webhook-signature")));
    }

    @Test
    void aStandardWebhooksVerifierAcceptsTheSignature() throws Exception {
        LoggedRequest request = sentRequest();
        String body = new String(request.getBody(), StandardCharsets.UTF_8);

        new Webhook(SECRET).verify(body, signatureHeaders(request));
    }

    @Test
    void theSameVerifierRefusesTheBodyOnceTampered() {
        LoggedRequest request = sentRequest();
        String tampered = new String(request.getBody(), StandardCharsets.UTF_8).replace("A-42", "A-43");

        assertThatThrownBy(() -> new Webhook(SECRET).verify(tampered, signatureHeaders(request)))
                .isInstanceOf(WebhookVerificationException.class);
    }
}
