package dev.herald.server;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.herald.server.HeraldClient.Answer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A caller's W3C trace context goes in with the notification (or the business event) and comes out at the webhook
 * receiver in the {@code traceparent} header: the same trace-id and flags, Herald's send as the parent.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class TraceContextTest {
    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String CALLER_PARENT = "00f067aa0ba902b7";
    private static final String TRACEPARENT = "00-" + TRACE_ID + "-" + CALLER_PARENT + "-01";
    private static final WireMockServer receiver = new WireMockServer(wireMockConfig().dynamicPort());

    static {
        receiver.start();
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry r) {
        r.add("herald.data-dir", () -> "target/test-data/trace-" + UUID.randomUUID());
        r.add("herald.admin-key", () -> EmbeddedHeraldTest.ADMIN_KEY);
        r.add("herald.providers.webhook[0].url", () -> "http://127.0.0.1:" + receiver.port() + "/hooks/herald");
        r.add("herald.providers.webhook[0].secret", () -> "whsec_" + Base64.getEncoder()
                .encodeToString("a-webhook-secret-of-32-bytes-xx!".getBytes(StandardCharsets.US_ASCII)));
    }

    @AfterAll
    static void stop() {
        receiver.stop();
    }

    @LocalServerPort
    int port;
    HeraldClient herald;

    @BeforeEach
    void connect() {
        herald = new HeraldClient(port, EmbeddedHeraldTest.ADMIN_KEY);
        receiver.resetAll();
        receiver.stubFor(post(urlEqualTo("/hooks/herald")).willReturn(aResponse().withStatus(204)));
        assertThat(herald.put("/api/v1/users/ann", "{\"email\":\"ann@example.com\"}").status()).isIn(200, 201);
    }

    private Answer notify(String body, String... headers) {
        Answer answer = herald.post("/api/v1/notifications", """
                {"type":"trace.test","recipients":["ann"],"channels":["WEBHOOK"],"content":{"body":"%s"}}"""
                .formatted(body), headers);
        assertThat(answer.status()).as(answer.text()).isEqualTo(202);
        return answer;
    }

    private LoggedRequest received(String bodyPart) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(receiver.findAll(
                postRequestedFor(urlEqualTo("/hooks/herald")).withRequestBody(containing(bodyPart)))).hasSize(1));
        return receiver.findAll(postRequestedFor(urlEqualTo("/hooks/herald"))
                .withRequestBody(containing(bodyPart))).getFirst();
    }

    private static void assertHeraldsHop(String sent) {
        assertThat(sent).matches("00-" + TRACE_ID + "-[0-9a-f]{16}-01");
        assertThat(sent.substring(36, 52)).as("Herald's own span id, not the caller's")
                .isNotEqualTo(CALLER_PARENT).isNotEqualTo("0000000000000000");
    }

    @Test
    void theReceiverSeesTheCallersTraceWithHeraldsSendAsParent() {
        Answer accepted = notify("traced order 1", "traceparent", TRACEPARENT);

        assertHeraldsHop(received("traced order 1").getHeader("traceparent"));
        String id = accepted.body().get("id").asString();
        assertThat(herald.get("/api/v1/notifications/" + id).body().get("traceparent").asString())
                .isEqualTo(TRACEPARENT);
    }

    @Test
    void aLaterVersionIsPassedOnAsVersion00() {
        notify("traced order 2", "traceparent", "01-" + TRACE_ID + "-" + CALLER_PARENT + "-01-more-to-come");

        assertHeraldsHop(received("traced order 2").getHeader("traceparent"));
    }

    @Test
    void withoutATraceContextNoneIsSent() {
        Answer accepted = notify("untraced order");

        assertThat(received("untraced order").containsHeader("traceparent")).isFalse();
        assertThat(herald.get("/api/v1/notifications/" + accepted.body().get("id").asString()).body()
                .has("traceparent")).isFalse();
    }

    @Test
    void aBatchAndABusinessEventKeepTheCallersTrace() {
        Answer batch = herald.post("/api/v1/notifications/batch", """
                {"notifications":[
                  {"type":"trace.test","recipients":["ann"],"channels":["WEBHOOK"],"content":{"body":"batch one"}},
                  {"type":"trace.test","recipients":["ann"],"channels":["WEBHOOK"],"content":{"body":"batch two"}}]}""",
                "traceparent", TRACEPARENT);
        assertThat(batch.status()).as(batch.text()).isEqualTo(200);
        assertThat(herald.put("/api/v1/types/trace.ordered",
                "{\"channels\":[\"WEBHOOK\"],\"recipientFields\":[\"buyerId\"]}").status()).isIn(200, 201);
        assertThat(herald.put("/api/v1/templates/trace.ordered/webhook/default",
                "{\"text\":\"event order {{orderId}}\"}").status()).isIn(200, 201);
        Answer event = herald.post("/api/v1/events", """
                {"eventId":"trace-ev-1","type":"trace.ordered","data":{"buyerId":"ann","orderId":"77"}}""",
                "traceparent", TRACEPARENT);
        assertThat(event.status()).as(event.text()).isEqualTo(202);

        for (String body : List.of("batch one", "batch two", "event order 77")) {
            assertHeraldsHop(received(body).getHeader("traceparent"));
        }
        assertThat(herald.get("/api/v1/notifications/" + event.body().get("id").asString()).body()
                .get("traceparent").asString()).isEqualTo(TRACEPARENT);
    }
}
