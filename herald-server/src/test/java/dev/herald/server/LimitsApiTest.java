package dev.herald.server;

import dev.herald.core.model.TenantId;
import dev.herald.core.tenancy.ApiKeys;
import dev.herald.core.tenancy.Scope;
import dev.herald.server.HeraldClient.Answer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Limits per API key (429 with RateLimit headers) and per user and channel (defer or drop). */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class LimitsApiTest {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry r) {
        r.add("herald.data-dir", () -> "target/test-data/limits-" + UUID.randomUUID());
        r.add("herald.admin-key", () -> EmbeddedHeraldTest.ADMIN_KEY);
        r.add("herald.limits.api-key-rate.requests", () -> "40");
        r.add("herald.dedup.window", () -> "0s");
        r.add("herald.limits.api-key-rate.per", () -> "1h");
        r.add("herald.limits.per-user.sms.max", () -> "2");
        r.add("herald.limits.per-user.sms.per", () -> "1h");
        r.add("herald.limits.per-user.sms.policy", () -> "drop");
        r.add("herald.limits.per-user.push.max", () -> "1");
        r.add("herald.limits.per-user.push.per", () -> "1h");
        r.add("herald.limits.per-user.push.policy", () -> "defer");
    }

    @LocalServerPort
    int port;
    @Autowired
    ApiKeys apiKeys;
    HeraldClient admin;

    @BeforeEach
    void connect() {
        admin = new HeraldClient(port, EmbeddedHeraldTest.ADMIN_KEY);
    }

    private HeraldClient freshKey() {
        return admin.withKey(apiKeys.issue(TenantId.defaultTenant(), "client-" + UUID.randomUUID(),
                Set.of(Scope.SEND, Scope.READ)).secret());
    }

    @Test
    void aKeyOverItsBudgetGets429WithRetryAfterAndEveryAnswerCarriesRateLimitHeaders() {
        HeraldClient client = freshKey();

        for (int i = 0; i < 40; i++) {
            Answer ok = client.get("/api/v1/sandbox/messages?limit=1");
            assertThat(ok.status()).isEqualTo(200);
            assertThat(ok.header("RateLimit-Limit")).isEqualTo("40");
            assertThat(ok.header("RateLimit-Remaining")).isEqualTo(Integer.toString(39 - i));
        }
        Answer refused = client.get("/api/v1/sandbox/messages?limit=1");

        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(1L, 3600L);
        assertThat(refused.header("RateLimit-Remaining")).isEqualTo("0");
        // Another key has its own budget.
        assertThat(freshKey().get("/api/v1/sandbox/messages?limit=1").status()).isEqualTo(200);
    }

    /** Sends and waits until the delivery has an outcome: final, or back in the queue with a reason. */
    private JsonNode sendTo(HeraldClient client, String userId, String channel) {
        String id = client.post("/api/v1/notifications", """
                {"type":"promo","recipients":["%s"],"channels":["%s"],"content":{"body":"hi"}}"""
                .formatted(userId, channel)).body().get("id").asString();
        JsonNode[] delivery = new JsonNode[1];
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(300)).until(() -> {
            delivery[0] = client.get("/api/v1/notifications/" + id).body().get("deliveries").get(0);
            return delivery[0].get("history").size() >= 2;
        });
        return delivery[0];
    }

    @Test
    void aUserOverTheirSmsBudgetIsSuppressedWithTheReason() {
        HeraldClient client = freshKey();
        String user = "u-" + UUID.randomUUID().toString().substring(0, 8);
        client.put("/api/v1/users/" + user, "{\"phone\":\"+821055556666\"}");

        assertThat(sendTo(client, user, "SMS").get("status").asString()).isEqualTo("SENT");
        assertThat(sendTo(client, user, "SMS").get("status").asString()).isEqualTo("SENT");
        JsonNode third = sendTo(client, user, "SMS");

        assertThat(third.get("status").asString()).isEqualTo("SUPPRESSED");
        assertThat(third.get("lastError").asString()).contains("limit of 2");
    }

    @Test
    void aUserOverTheirPushBudgetIsDeferredNotDropped() {
        HeraldClient client = freshKey();
        String user = "u-" + UUID.randomUUID().toString().substring(0, 8);
        client.put("/api/v1/users/" + user, "{\"email\":\"x@example.com\"}");
        client.post("/api/v1/users/" + user + "/devices", "{\"platform\":\"fcm\",\"token\":\"t-" + user + "\"}");

        assertThat(sendTo(client, user, "PUSH").get("status").asString()).isEqualTo("SENT");
        JsonNode second = sendTo(client, user, "PUSH");

        assertThat(second.get("status").asString()).isEqualTo("QUEUED");
        assertThat(second.get("lastError").asString()).startsWith("deferred:").contains("limit of 1");
        // A deferral is not an attempt: the delivery keeps all of its attempts for when the budget refills.
        assertThat(second.get("attempts").asInt()).isZero();
    }
}
