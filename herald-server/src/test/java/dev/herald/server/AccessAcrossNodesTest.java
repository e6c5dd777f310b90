package dev.herald.server;

import dev.herald.server.HeraldClient.Answer;
import dev.herald.testkit.EmbeddedPostgresExtension;
import dev.herald.testkit.PostgresDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two Herald nodes on one PostgreSQL database, as scale mode runs them: a key revoked or a tenant suspended through
 * one node is refused by the other within a second, although that node had the key cached; and a suspended tenant's
 * deliveries wait, whichever node claims them, until it is resumed.
 */
@ExtendWith(EmbeddedPostgresExtension.class)
class AccessAcrossNodesTest {
    /** The promise: no node serves a revoked key for longer than this after the revocation. */
    private static final Duration ONE_SECOND = Duration.ofSeconds(1);

    private static ConfigurableApplicationContext nodeA;
    private static ConfigurableApplicationContext nodeB;
    private static HeraldClient operatorOnA;
    private static HeraldClient operatorOnB;
    private String tenant;

    @BeforeAll
    static void start(PostgresDatabase database) {
        nodeA = node(database, "a");
        nodeB = node(database, "b");
        operatorOnA = client(nodeA, EmbeddedHeraldTest.ADMIN_KEY);
        operatorOnB = client(nodeB, EmbeddedHeraldTest.ADMIN_KEY);
    }

    private static ConfigurableApplicationContext node(PostgresDatabase database, String name) {
        return SpringApplication.run(HeraldApplication.class, "--server.port=0",
                "--spring.datasource.url=" + database.jdbcUrl(),
                "--herald.data-dir=target/test-data/node-" + name + "-" + UUID.randomUUID(),
                "--herald.admin-key=" + EmbeddedHeraldTest.ADMIN_KEY,
                "--herald.worker.suspended-recheck=200ms",
                "--logging.level.root=warn");
    }

    private static HeraldClient client(ConfigurableApplicationContext node, String key) {
        return new HeraldClient(Integer.parseInt(node.getEnvironment().getProperty("local.server.port")), key);
    }

    @AfterAll
    static void stop() {
        nodeB.close();
        nodeA.close();
    }

    @BeforeEach
    void aTenant() {
        tenant = "nodes-" + UUID.randomUUID().toString().substring(0, 8);
        Answer created = operatorOnA.post("/api/v1/tenants", "{\"id\":\"%s\",\"name\":\"Nodes\"}".formatted(tenant));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
    }

    private String adminKey() {
        return operatorOnA.post("/api/v1/api-keys", "{\"name\":\"admin\",\"scopes\":[\"admin\"]}", "Herald-Tenant",
                tenant).body().get("key").asString();
    }

    @Test
    void aKeyRevokedThroughOneNodeIsRefusedByTheOtherWithinASecond() {
        HeraldClient adminOnA = client(nodeA, adminKey());
        Answer issued = adminOnA.post("/api/v1/api-keys", "{\"name\":\"leaked\",\"scopes\":[\"read\"]}");
        HeraldClient leakedOnB = client(nodeB, issued.body().get("key").asString());
        // Node B has checked the key and keeps it cached.
        assertThat(leakedOnB.get("/api/v1/types").status()).isEqualTo(200);
        assertThat(leakedOnB.get("/api/v1/types").status()).isEqualTo(200);

        assertThat(adminOnA.delete("/api/v1/api-keys/" + issued.body().get("id").asString()).status())
                .isEqualTo(204);

        await().atMost(ONE_SECOND).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(50))
                .until(() -> leakedOnB.get("/api/v1/types").status() == 401);
    }

    @Test
    void aTenantSuspendedThroughOneNodeIsRefusedByTheOtherWithinASecond() {
        HeraldClient adminOnB = client(nodeB, adminKey());
        assertThat(adminOnB.get("/api/v1/types").status()).isEqualTo(200);

        assertThat(operatorOnA.patch("/api/v1/tenants/" + tenant, "{\"suspended\":true}").status()).isEqualTo(200);

        await().atMost(ONE_SECOND).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(50))
                .until(() -> adminOnB.get("/api/v1/types").status() == 403);
        assertThat(operatorOnA.patch("/api/v1/tenants/" + tenant, "{\"suspended\":false}").status()).isEqualTo(200);
        await().atMost(ONE_SECOND).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(50))
                .until(() -> adminOnB.get("/api/v1/types").status() == 200);
    }

    @Test
    void aSigningKeyRotatedAndRetiredThroughOneNodeIsUsedAndRefusedByTheOtherWithinASecond() {
        HeraldClient adminOnA = client(nodeA, adminKey());
        HeraldClient adminOnB = client(nodeB, adminOnA.post("/api/v1/api-keys",
                "{\"name\":\"b\",\"scopes\":[\"admin\"]}").body().get("key").asString());
        assertThat(adminOnA.put("/api/v1/users/ann", "{\"email\":\"ann@example.com\"}").status()).isEqualTo(201);
        String before = adminOnB.post("/api/v1/users/ann/inbox-token", "").body().get("token").asString();
        // Node B has read key 1 and remembers it.
        assertThat(adminOnB.withKey(before).get("/api/v1/inbox").status()).isEqualTo(200);

        assertThat(adminOnA.post("/api/v1/signing-keys/user-token/rotate", "").status()).isEqualTo(201);
        await().atMost(ONE_SECOND).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(50))
                .until(() -> adminOnB.post("/api/v1/users/ann/inbox-token", "").body().get("token").asString()
                        .split("\\.")[5].equals("2"));
        assertThat(adminOnB.withKey(before).get("/api/v1/inbox").status()).isEqualTo(200);

        assertThat(adminOnA.delete("/api/v1/signing-keys/user-token/1").status()).isEqualTo(204);
        await().atMost(ONE_SECOND).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(50))
                .until(() -> adminOnB.withKey(before).get("/api/v1/inbox").status() == 401);
    }

    @Test
    void aSuspendedTenantsDeliveriesWaitWithoutUsingAttemptsUntilItIsResumed() {
        assertThat(operatorOnA.patch("/api/v1/tenants/" + tenant, "{\"suspended\":true}").status()).isEqualTo(200);
        // The operator may still act for a suspended tenant; what it sends for it waits with the rest.
        Answer sent = operatorOnA.post("/api/v1/notifications", """
                {"type":"held","recipients":[{"phone":"+821012345678"}],"channels":["SMS"],"content":{"body":"x"}}""",
                "Herald-Tenant", tenant);
        assertThat(sent.status()).as(sent.text()).isEqualTo(202);
        String path = "/api/v1/notifications/" + sent.body().get("id").asString();

        // Looked at again and again (by either node), and each time put back without using an attempt.
        await().atMost(Duration.ofSeconds(20)).until(() -> deferrals(delivery(path)) >= 3);
        JsonNode waiting = delivery(path);
        assertThat(waiting.get("status").asString()).isEqualTo("QUEUED");
        assertThat(waiting.get("attempts").asInt()).isZero();
        assertThat(waiting.get("lastError").asString()).contains("tenant suspended");

        assertThat(operatorOnB.patch("/api/v1/tenants/" + tenant, "{\"suspended\":false}").status()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(20)).until(() -> delivery(path).get("status").asString().equals("SENT"));
        assertThat(delivery(path).get("attempts").asInt()).isEqualTo(1);
    }

    /** The notification's one delivery, read by the operator acting for the tenant. */
    private JsonNode delivery(String path) {
        return operatorOnA.get(path, "Herald-Tenant", tenant).body().get("deliveries").get(0);
    }

    private static long deferrals(JsonNode delivery) {
        long count = 0;
        for (JsonNode change : delivery.get("history")) {
            if (change.path("detail").asString("").contains("tenant suspended")) {
                count++;
            }
        }
        return count;
    }
}
