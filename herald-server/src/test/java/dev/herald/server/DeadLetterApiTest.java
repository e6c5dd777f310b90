package dev.herald.server;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.herald.core.model.TenantId;
import dev.herald.core.tenancy.ApiKeys;
import dev.herald.core.tenancy.Scope;
import dev.herald.server.HeraldClient.Answer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The dead-letter queue end to end: email to a relay that is down uses up its (per-channel) attempts and goes DEAD;
 * an operator lists it, and once the relay is back replays it (it arrives once) or discards it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class DeadLetterApiTest {
    private static final int SMTP_PORT = freePort();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry r) {
        r.add("herald.data-dir", () -> "target/test-data/dlq-" + UUID.randomUUID());
        r.add("herald.admin-key", () -> EmbeddedHeraldTest.ADMIN_KEY);
        r.add("herald.providers.smtp[0].host", () -> "127.0.0.1");
        r.add("herald.providers.smtp[0].port", () -> SMTP_PORT);
        r.add("herald.providers.smtp[0].guards.minimum-calls", () -> "1000");
        // Email gives up fast here; every other channel keeps the default policy.
        r.add("herald.retry.channels.email.max-attempts", () -> "2");
        r.add("herald.retry.channels.email.initial-backoff", () -> "50ms");
    }

    @LocalServerPort
    int port;
    @Autowired
    ApiKeys apiKeys;
    HeraldClient herald;
    GreenMail smtp;

    @BeforeEach
    void connect() {
        herald = new HeraldClient(port, EmbeddedHeraldTest.ADMIN_KEY);
    }

    @AfterEach
    void stopSmtp() {
        if (smtp != null) {
            smtp.stop();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private String deadEmail(String type, String to) {
        Answer answer = herald.post("/api/v1/notifications", """
                {"type":"%s","recipients":[{"email":"%s"}],"channels":["EMAIL"],"content":{"body":"hi"}}"""
                .formatted(type, to));
        String id = answer.body().get("deliveries").get(0).get("id").asString();
        await().atMost(Duration.ofSeconds(20)).until(() -> dlqIds("").contains(id));
        return id;
    }

    private List<String> dlqIds(String query) {
        return herald.get("/api/v1/admin/dlq" + query).body().get("items").findValuesAsString("deliveryId");
    }

    private JsonNode delivery(String notificationPath) {
        return herald.get(notificationPath).body().get("deliveries").get(0);
    }

    @Test
    void aDeadEmailIsListedReplayedOnceTheRelayIsBackAndArrivesOnce() {
        String id = deadEmail("dlq.replay", "ann@example.com");

        JsonNode letter = herald.get("/api/v1/admin/dlq?channel=email&type=dlq.replay").body().get("items").get(0);
        assertThat(letter.get("deliveryId").asString()).isEqualTo(id);
        assertThat(letter.get("attempts").asInt()).isEqualTo(2);
        assertThat(letter.get("lastError").asString()).contains("gave up after 2 attempts");
        assertThat(dlqIds("?channel=SMS")).doesNotContain(id);

        smtp = new GreenMail(new ServerSetup(SMTP_PORT, "127.0.0.1", "smtp"));
        smtp.start();
        assertThat(herald.post("/api/v1/admin/dlq/" + id + "/retry", "").status()).isEqualTo(202);

        await().atMost(Duration.ofSeconds(20)).until(() -> smtp.getReceivedMessages().length == 1);
        assertThat(dlqIds("")).doesNotContain(id);
        assertThat(herald.post("/api/v1/admin/dlq/" + id + "/retry", "").status()).isEqualTo(404);
    }

    @Test
    void retryAllReplaysTheFilteredLettersAndDiscardKeepsTheRecord() {
        String first = deadEmail("dlq.bulk", "bob@example.com");
        String second = deadEmail("dlq.bulk", "cy@example.com");
        String other = deadEmail("dlq.other", "dee@example.com");

        assertThat(herald.delete("/api/v1/admin/dlq/" + other).status()).isEqualTo(204);
        assertThat(herald.delete("/api/v1/admin/dlq/" + other).status()).isEqualTo(404);

        smtp = new GreenMail(new ServerSetup(SMTP_PORT, "127.0.0.1", "smtp"));
        smtp.start();
        Answer replayed = herald.post("/api/v1/admin/dlq/retry-all?type=dlq.bulk", "");
        assertThat(replayed.status()).isEqualTo(202);
        assertThat(replayed.body().get("replayed").asInt()).isEqualTo(2);

        await().atMost(Duration.ofSeconds(20)).until(() -> smtp.getReceivedMessages().length == 2);
        assertThat(dlqIds("")).doesNotContain(first, second, other);
    }

    @Test
    void theQueuePagesWithAnOpaqueCursorAndARawIdFromEarlierAnswersStillPages() {
        String older = deadEmail("dlq.page", "eve@example.com");
        String newer = deadEmail("dlq.page", "fay@example.com");

        JsonNode first = herald.get("/api/v1/admin/dlq?type=dlq.page&limit=1").body();
        String cursor = first.get("nextCursor").asString();
        List<String> firstIds = first.get("items").findValuesAsString("deliveryId");

        assertThat(cursor).isNotIn(older, newer).hasSize(22);
        List<String> secondIds = dlqIds("?type=dlq.page&limit=1&cursor=" + cursor);
        assertThat(firstIds).hasSize(1);
        assertThat(secondIds).hasSize(1).doesNotContainAnyElementsOf(firstIds);
        assertThat(List.of(firstIds.getFirst(), secondIds.getFirst())).containsExactlyInAnyOrder(older, newer);
        assertThat(dlqIds("?type=dlq.page&limit=1&cursor=" + firstIds.getFirst())).isEqualTo(secondIds);
    }

    @Test
    void onlyAdminsSeeTheQueueAndBadFiltersAreNamed() {
        String sender = apiKeys.issue(TenantId.defaultTenant(), "sender", Set.of(Scope.SEND, Scope.READ)).secret();

        assertThat(herald.withKey(sender).get("/api/v1/admin/dlq").status()).isEqualTo(403);
        assertThat(herald.withKey(sender).post("/api/v1/admin/dlq/retry-all", "").status()).isEqualTo(403);

        Answer badChannel = herald.get("/api/v1/admin/dlq?channel=fax&since=yesterday&limit=0&cursor=x");
        assertThat(badChannel.status()).isEqualTo(400);
        assertThat(badChannel.contentType()).startsWith("application/problem+json");
        assertThat(badChannel.body().toString()).contains("channel").contains("since").contains("limit")
                .contains("cursor");
        assertThat(herald.post("/api/v1/admin/dlq/not-an-id/retry", "").status()).isEqualTo(400);
        assertThat(herald.delete("/api/v1/admin/dlq/" + UUID.randomUUID()).status()).isEqualTo(404);
    }
}
