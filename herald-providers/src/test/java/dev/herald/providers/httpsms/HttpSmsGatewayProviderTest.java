package dev.herald.providers.httpsms;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.herald.core.channel.OutboundMessage;
import dev.herald.core.channel.SendResult;
import dev.herald.core.model.Channel;
import dev.herald.providers.http.HttpSettings;
import dev.herald.testkit.TestOutbound;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

class HttpSmsGatewayProviderTest {
    private static final Map<String, Object> SHAPE = Map.of(
            "to", "{{to}}", "text", "{{text}}", "sender", "{{from}}", "ref", "{{id}}");

    @RegisterExtension
    static WireMockExtension gateway = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private HttpSmsGatewayProvider provider(Map<String, Object> shape, String messageIdPointer) {
        return new HttpSmsGatewayProvider(new HttpSmsGatewaySettings("acme-sms", URI.create(gateway.baseUrl() + "/v1/sms"),
                "X-Api-Key", "key-123", shape, "HERALD", messageIdPointer,
                new HttpSettings(Duration.ofSeconds(2), Duration.ofMillis(1500))), Clock.systemUTC());
    }

    private HttpSmsGatewayProvider provider() {
        return provider(SHAPE, "/messageId");
    }

    private static OutboundMessage sms(String text) {
        return TestOutbound.to(Channel.SMS, "+821012345678", null, text);
    }

    private static void answer(int status, String body) {
        gateway.stubFor(post(urlEqualTo("/v1/sms")).willReturn(aResponse().withStatus(status)
                .withHeader("Content-Type", "application/json").withBody(body)));
    }

    @Test
    void postsTheConfiguredShapeWithTheAuthHeaderAndReadsTheGatewaysId() {
        answer(202, """
                {"messageId":"gw-77","status":"accepted"}""");
        OutboundMessage message = sms("Your code is 1234");

        SendResult result = provider().send(message);

        assertThat(result).isEqualTo(new SendResult.Sent("acme-sms", "gw-77"));
        gateway.verify(postRequestedFor(urlEqualTo("/v1/sms"))
                .withHeader("X-Api-Key", equalTo("key-123"))
                .withHeader("Content-Type", equalTo("application/json; charset=UTF-8"))
                .withRequestBody(equalToJson("""
                        {"to":"+821012345678","text":"Your code is 1234","sender":"HERALD","ref":"%s"}"""
                        .formatted(message.deliveryId()))));
    }

    @Test
    void textWithQuotesBackslashesAndKoreanStaysValidJson() {
        answer(200, "{\"messageId\":\"gw-1\"}");
        String text = "주문 \"#42\"이 발송되었습니다 \\ {\"x\":1} {{to}}";

        provider().send(sms(text));

        // The placeholder in the text is sent as written: substitution is one pass over the template only.
        gateway.verify(postRequestedFor(urlEqualTo("/v1/sms")).withRequestBody(
                equalToJson("{\"to\":\"+821012345678\",\"text\":" + jsonString(text)
                        + ",\"sender\":\"HERALD\",\"ref\":\"${json-unit.any-string}\"}")));
    }

    @Test
    void fillsPlaceholdersInNestedMapsListsAndInsideLongerStrings() {
        answer(200, "{\"result\":{\"ids\":[\"n-1\"]}}");
        Map<String, Object> nested = Map.of(
                "messages", List.of(Map.of("destinations", List.of(Map.of("to", "{{to}}")), "text", "{{text}}")),
                "meta", Map.of("label", "herald:{{id}}", "priority", 2, "flash", false));
        OutboundMessage message = sms("hi");

        SendResult result = provider(nested, "/result/ids/0").send(message);

        assertThat(result).isEqualTo(new SendResult.Sent("acme-sms", "n-1"));
        gateway.verify(postRequestedFor(urlEqualTo("/v1/sms")).withRequestBody(equalToJson("""
                {"messages":[{"destinations":[{"to":"+821012345678"}],"text":"hi"}],
                 "meta":{"label":"herald:%s","priority":2,"flash":false}}""".formatted(message.deliveryId()))));
    }

    @Test
    void withoutAMessageIdPointerTheDeliveryIdIsRecorded() {
        answer(200, "OK");
        OutboundMessage message = sms("hi");

        SendResult result = provider(SHAPE, null).send(message);

        assertThat(result).isEqualTo(new SendResult.Sent("acme-sms", message.idempotencyKey()));
    }

    @Test
    void anAcceptedMessageWithoutAnIdIsStillSent() {
        answer(200, "{\"status\":\"ok\"}");
        OutboundMessage message = sms("hi");

        SendResult result = provider().send(message);

        assertThat(result).isInstanceOfSatisfying(SendResult.Sent.class, sent -> {
            assertThat(sent.providerMessageId()).isEqualTo(message.idempotencyKey());
            assertThat(sent.note()).contains("/messageId");
        });
    }

    @Test
    void aClientErrorIsAPermanentRefusal() {
        answer(400, "{\"error\":\"invalid sender\"}");

        SendResult result = provider().send(sms("hi"));

        assertThat(result).isInstanceOfSatisfying(SendResult.Rejected.class, rejected -> {
            assertThat(rejected.reason()).startsWith("HTTP 400");
            assertThat(rejected.invalidAddress()).isFalse();
        });
    }

    @Test
    void aServerErrorIsRetried() {
        answer(502, "bad gateway");

        SendResult result = provider().send(sms("hi"));

        assertThat(result).isInstanceOfSatisfying(SendResult.Retry.class,
                retry -> assertThat(retry.reason()).startsWith("HTTP 502"));
    }

    @Test
    void tooManyRequestsIsRetriedNoSoonerThanTheGatewayAsks() {
        gateway.stubFor(post(urlEqualTo("/v1/sms")).willReturn(aResponse().withStatus(429)
                .withHeader("Retry-After", "30")));

        SendResult result = provider().send(sms("hi"));

        assertThat(result).isInstanceOfSatisfying(SendResult.Retry.class,
                retry -> assertThat(retry.retryAfter()).isEqualTo(Optional.of(Duration.ofSeconds(30))));
    }

    @Test
    void aSlowGatewayIsRetriedAfterTheRequestDeadline() {
        gateway.stubFor(post(urlEqualTo("/v1/sms")).willReturn(aResponse().withStatus(200)
                .withBody("{\"messageId\":\"late\"}").withFixedDelay(3000)));

        SendResult result = provider().send(sms("hi"));

        assertThat(result).isInstanceOfSatisfying(SendResult.Retry.class,
                retry -> assertThat(retry.reason()).contains("timed out"));
    }

    /** The expected JSON string literal, written by hand so the test does not trust the code under test. */
    private static String jsonString(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
