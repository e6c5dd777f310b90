package dev.herald.server;

import dev.herald.server.HeraldClient.Answer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import java.util.UUID;

/** sendAt, expiresAt and cancel through the API, on the running dispatcher and the real clock. */
class SchedulingApiTest extends EmbeddedHeraldTest {

    private Answer send(String extra) {
        return herald.post("/api/v1/notifications", """
                {"type":"reminder","recipients":[{"phone":"+821099990000"}],"channels":["SMS"],
                 "content":{"body":"Your table is ready"}%s}""".formatted(extra));
    }

    private JsonNode delivery(String notificationId) {
        return herald.get("/api/v1/notifications/" + notificationId).body().get("deliveries").get(0);
    }

    @Test
    void aScheduledNotificationWaitsAsScheduledAndGoesOutWhenDue() {
        Answer answer = send(",\"sendAt\":\"" + Instant.now().plusSeconds(2) + "\"");
        String id = answer.body().get("id").asString();

        assertThat(answer.status()).isEqualTo(202);
        assertThat(delivery(id).get("status").asString()).isEqualTo("SCHEDULED");
        await().atMost(Duration.ofSeconds(15)).until(() -> delivery(id).get("status").asString().equals("SENT"));
        assertThat(delivery(id).get("history").findValuesAsString("status")).containsExactly("SCHEDULED", "SENT");
    }

    @Test
    void cancellingAScheduledNotificationStopsIt() {
        String id = send(",\"sendAt\":\"" + Instant.now().plus(Duration.ofHours(1)) + "\"").body().get("id")
                .asString();

        Answer cancelled = herald.delete("/api/v1/notifications/" + id);

        assertThat(cancelled.status()).isEqualTo(200);
        assertThat(cancelled.body().get("cancelled")).hasSize(1);
        assertThat(cancelled.body().get("alreadyOut")).isEmpty();
        assertThat(delivery(id).get("status").asString()).isEqualTo("CANCELLED");
        assertThat(herald.get("/api/v1/notifications/" + id).body().get("status").asString()).isEqualTo("COMPLETED");
    }

    @Test
    void cancellingASentNotificationReportsItAsAlreadyOut() {
        String id = herald.post("/api/v1/notifications", """
                {"type":"reminder","recipients":[{"phone":"+821099990001"}],"channels":["SMS"],
                 "content":{"body":"hi"}}""", "Prefer", "wait=10").body().get("id").asString();

        Answer cancelled = herald.delete("/api/v1/notifications/" + id);

        assertThat(cancelled.body().get("cancelled")).isEmpty();
        assertThat(cancelled.body().get("alreadyOut").get(0).get("status").asString()).isEqualTo("SENT");
        assertThat(herald.delete("/api/v1/notifications/" + UUID.randomUUID()).status()).isEqualTo(404);
    }

    @Test
    void badTimesAreRefusedByName() {
        Answer badFormat = send(",\"sendAt\":\"tomorrow\",\"expiresAt\":\"2026-13-01\"");
        assertThat(badFormat.status()).isEqualTo(400);
        assertThat(badFormat.body().toString()).contains("sendAt").contains("expiresAt");

        Answer past = send(",\"expiresAt\":\"2020-01-01T00:00:00Z\"");
        assertThat(past.status()).isEqualTo(400);
        assertThat(past.body().toString()).contains("expiresAt").contains("already past");

        Answer backwards = send(",\"sendAt\":\"" + Instant.now().plusSeconds(60) + "\",\"expiresAt\":\""
                + Instant.now().plusSeconds(30) + "\"");
        assertThat(backwards.status()).isEqualTo(400);
        assertThat(backwards.body().toString()).contains("after-send-at");

        Answer tooFar = send(",\"sendAt\":\"" + Instant.now().plus(Duration.ofDays(400)) + "\"");
        assertThat(tooFar.status()).isEqualTo(400);
        assertThat(tooFar.body().toString()).contains("sendAt");
    }
}
