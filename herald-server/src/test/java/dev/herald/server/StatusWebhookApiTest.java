package dev.herald.server;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.standardwebhooks.Webhook;
import dev.herald.core.model.DeliveryStatus;
import dev.herald.core.model.TenantId;
import dev.herald.core.notification.NotificationStore;
import dev.herald.server.HeraldClient.Answer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Status webhooks end to end in the embedded default (no Kafka): a tenant registers an endpoint, its deliveries'
 * status changes arrive signed per Standard Webhooks (checked with the project's own verifier), filtered by status
 * and type; an endpoint answering 410 is disabled; a hanging endpoint does not hold up a healthy one.
 */
class StatusWebhookApiTest extends EmbeddedHeraldTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @RegisterExtension
    static WireMockExtension receiver = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()
            .containerThreads(40)).build();

    @Autowired
    NotificationStore notifications;

    private String url(String path) {
        return "http://localhost:" + receiver.getPort() + path;
    }

    /** Registers an endpoint; returns {id, secret}. */
    private String[] register(String path, String filters) {
        Answer answer = herald.post("/api/v1/status-webhooks", "{\"url\":\"" + url(path) + "\"" + filters + "}");
        assertThat(answer.status()).as(answer.text()).isEqualTo(201);
        return new String[]{answer.body().get("id").asString(), answer.body().get("secret").asString()};
    }

    private String sms(String type) {
        Answer answer = herald.post("/api/v1/notifications", """
                {"type":"%s","recipients":[{"phone":"+821012345678"}],"channels":["SMS"],"content":{"body":"hi"}}"""
                .formatted(type));
        assertThat(answer.status()).as(answer.text()).isLessThan(300);
        return answer.body().get("id").asString();
    }

    private List<LoggedRequest> calls(String path) {
        return receiver.findAll(postRequestedFor(urlEqualTo(path)));
    }

    private static JsonNode data(LoggedRequest request) {
        return JSON.readTree(request.getBodyAsString()).get("data");
    }

    private List<JsonNode> eventsFor(String path, String notificationId) {
        return calls(path).stream().map(StatusWebhookApiTest::data)
                .filter(d -> d.get("notificationId").asString().equals(notificationId)).toList();
    }

    private String deliveryStatus(String notificationId) {
        return herald.get("/api/v1/notifications/" + notificationId).body().get("deliveries").get(0)
                .get("status").asString();
    }

    @Test
    void anEndpointReceivesQueuedSentAndDeliveredSignedPerStandardWebhooks() throws Exception {
        receiver.stubFor(post("/hooks/flow").willReturn(aResponse().withStatus(204)));
        String[] endpoint = register("/hooks/flow", ",\"types\":[\"sw.flow\"]");
        assertThat(endpoint[1]).startsWith("whsec_");

        String id = sms("sw.flow");
        await().pollInSameThread().atMost(Duration.ofSeconds(20)).until(() -> deliveryStatus(id).equals("SENT"));
        String deliveryId = herald.get("/api/v1/notifications/" + id).body().get("deliveries").get(0).get("id")
                .asString();
        // The carrier's receipt, as its callback records it.
        notifications.recordReceipt(TenantId.defaultTenant(), UUID.fromString(deliveryId), DeliveryStatus.DELIVERED,
                Instant.now(), null);

        await().pollInSameThread().atMost(Duration.ofSeconds(20)).until(() -> eventsFor("/hooks/flow", id).size() == 3);
        List<JsonNode> events = eventsFor("/hooks/flow", id).stream()
                .sorted((a, b) -> a.get("time").asString().compareTo(b.get("time").asString())).toList();
        assertThat(events).extracting(e -> e.get("status").asString()).containsExactly("QUEUED", "SENT", "DELIVERED");
        assertThat(events).allSatisfy(e -> {
            assertThat(e.get("tenant").asString()).isEqualTo("default");
            assertThat(e.get("deliveryId").asString()).isEqualTo(deliveryId);
            assertThat(e.get("type").asString()).isEqualTo("sw.flow");
            assertThat(e.get("channel").asString()).isEqualTo("SMS");
        });
        assertThat(events.get(1).get("provider").asString()).isNotBlank();
        for (LoggedRequest request : calls("/hooks/flow")) {
            assertThat(JSON.readTree(request.getBodyAsString()).get("type").asString()).isEqualTo("delivery.status");
            new Webhook(endpoint[1]).verify(request.getBodyAsString(), Map.of(
                    "webhook-id", List.of(request.getHeader("webhook-id")),
                    "webhook-timestamp", List.of(request.getHeader("webhook-timestamp")),
                    "webhook-signature", List.of(request.getHeader("webhook-signature"))));
        }
        assertThat(calls("/hooks/flow")).extracting(r -> r.getHeader("webhook-id")).doesNotHaveDuplicates();
    }

    @Test
    void filtersPassOnlyTheStatusesAndTypesAsked() {
        receiver.stubFor(post("/hooks/failed").willReturn(aResponse().withStatus(200)));
        receiver.stubFor(post("/hooks/witness").willReturn(aResponse().withStatus(200)));
        String[] failedOnly = register("/hooks/failed", ",\"statuses\":[\"FAILED\"],\"types\":[\"sw.filter\"]");
        register("/hooks/witness", ",\"types\":[\"sw.filter\",\"sw.other\"]");

        // No phone for SMS: FAILED at intake.
        Answer failing = herald.post("/api/v1/notifications", """
                {"type":"sw.filter","recipients":[{"email":"ann@example.com"}],"channels":["SMS"],
                 "content":{"body":"hi"}}""");
        String failed = failing.body().get("id").asString();
        String sent = sms("sw.filter");
        String otherType = sms("sw.other");

        await().pollInSameThread().atMost(Duration.ofSeconds(20)).until(() -> eventsFor("/hooks/witness", sent).size() == 2
                && eventsFor("/hooks/witness", otherType).size() == 2 && !eventsFor("/hooks/failed", failed).isEmpty());
        // Every event above was fanned out together with the witness's calls: none is left for the filtered endpoint.
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM status_webhook_delivery WHERE endpoint_id = ?",
                Long.class, UUID.fromString(failedOnly[0]))).isZero();
        assertThat(calls("/hooks/failed")).map(StatusWebhookApiTest::data)
                .extracting(d -> d.get("notificationId").asString() + " " + d.get("status").asString())
                .containsExactly(failed + " FAILED");
    }

    @Test
    void anEndpointThatAnswers410IsDisabledAndShownSo() {
        receiver.stubFor(post("/hooks/gone").willReturn(aResponse().withStatus(410)));
        String[] endpoint = register("/hooks/gone", ",\"types\":[\"sw.gone\"]");

        sms("sw.gone");

        await().pollInSameThread().atMost(Duration.ofSeconds(20)).until(() ->
                herald.get("/api/v1/status-webhooks/" + endpoint[0]).body().get("disabled").asBoolean());
        JsonNode shown = herald.get("/api/v1/status-webhooks/" + endpoint[0]).body();
        assertThat(shown.get("disabledReason").asString()).isEqualTo("HTTP 410 Gone");
        assertThat(herald.get("/api/v1/status-webhooks").body().findValuesAsString("id")).contains(endpoint[0]);
        int before = calls("/hooks/gone").size();
        String later = sms("sw.gone");
        await().pollInSameThread().atMost(Duration.ofSeconds(20)).until(() -> deliveryStatus(later).equals("SENT"));
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM status_webhook_delivery WHERE endpoint_id = ?",
                Long.class, UUID.fromString(endpoint[0]))).isZero();
        assertThat(calls("/hooks/gone")).hasSize(before);
    }

    @Test
    void aHangingEndpointDoesNotHoldUpAHealthyOne() {
        // Longer than the request deadline: each call to it hangs until Herald gives up on it. With 8 call slots
        // (application-test.yml) and 20 calls due to it, it would take every slot if nothing held it back.
        receiver.stubFor(post("/hooks/hanging").willReturn(aResponse().withStatus(500).withFixedDelay(15_000)));
        receiver.stubFor(post("/hooks/healthy").willReturn(aResponse().withStatus(200)));
        String[] hanging = register("/hooks/hanging", ",\"types\":[\"sw.slow\"]");
        register("/hooks/healthy", ",\"types\":[\"sw.slow\"]");

        List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 10; i++) {
            ids.add(sms("sw.slow"));
        }

        // The healthy endpoint gets all of its calls while calls to the hanging one are in flight (leased).
        await().pollInSameThread().atMost(Duration.ofSeconds(20)).until(() -> ids.stream()
                .allMatch(id -> eventsFor("/hooks/healthy", id).size() == 2)
                && jdbc.queryForObject("SELECT COUNT(*) FROM status_webhook_delivery WHERE endpoint_id = ?"
                + " AND next_attempt_at > ?", Long.class, UUID.fromString(hanging[0]),
                java.sql.Timestamp.from(Instant.now().plusSeconds(5))) > 0);
        // Meanwhile not one call to the hanging endpoint has come back: none was given up on or answered yet.
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM status_webhook_delivery WHERE endpoint_id = ?"
                + " AND attempts > 0", Long.class, UUID.fromString(hanging[0]))).isZero();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM status_webhook_delivery WHERE endpoint_id = ?",
                Long.class, UUID.fromString(hanging[0]))).isEqualTo(20);
        assertThat(herald.delete("/api/v1/status-webhooks/" + hanging[0]).status()).isEqualTo(204);
    }

    @Test
    void theSecretIsShownOnceAndAnEndpointCanBeDeleted() {
        String[] endpoint = register("/hooks/once", ",\"statuses\":[\"SENT\",\"DELIVERED\"]");

        JsonNode shown = herald.get("/api/v1/status-webhooks/" + endpoint[0]).body();
        assertThat(shown.get("statuses").toString()).isEqualTo("[\"SENT\",\"DELIVERED\"]");
        assertThat(shown.get("disabled").asBoolean()).isFalse();
        assertThat(shown.has("secret")).isFalse();
        assertThat(herald.get("/api/v1/status-webhooks").text()).doesNotContain(endpoint[1]);

        assertThat(herald.delete("/api/v1/status-webhooks/" + endpoint[0]).status()).isEqualTo(204);
        assertThat(herald.get("/api/v1/status-webhooks/" + endpoint[0]).status()).isEqualTo(404);
        assertThat(herald.delete("/api/v1/status-webhooks/" + endpoint[0]).status()).isEqualTo(404);
    }
}
