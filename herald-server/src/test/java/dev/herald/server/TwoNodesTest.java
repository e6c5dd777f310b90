package dev.herald.server;

import dev.herald.core.model.TenantId;
import dev.herald.core.tenancy.ApiKeys;
import dev.herald.core.tenancy.Scope;
import dev.herald.core.types.NotificationType;
import dev.herald.core.model.Channel;
import dev.herald.server.HeraldClient.Answer;
import dev.herald.server.types.CachedTypeCatalog;
import dev.herald.testkit.EmbeddedPostgresExtension;
import dev.herald.testkit.PostgresDatabase;
import dev.herald.testkit.peers.RedisPeer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two nodes (two application contexts) on one PostgreSQL and one Redis: a browser connected to node B hears a
 * message accepted by node A, a type changed through node A is seen by node B at once (well before the caches' 30 s),
 * and a per-API-key limit holds for both nodes together. Node B does not dispatch, so everything node B's browser
 * hears was sent by node A.
 */
@ExtendWith(EmbeddedPostgresExtension.class)
class TwoNodesTest {
    private static final Duration PATIENCE = Duration.ofSeconds(10);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int KEY_LIMIT = 30;

    private static RedisPeer redis;
    private static ConfigurableApplicationContext nodeA;
    private static ConfigurableApplicationContext nodeB;
    private static HeraldClient clientA;
    private static HeraldClient clientB;

    @BeforeAll
    static void start(PostgresDatabase database) {
        redis = RedisPeer.started();
        nodeA = node("a", database, true);
        nodeB = node("b", database, false);
        clientA = client(nodeA);
        clientB = client(nodeB);
    }

    private static ConfigurableApplicationContext node(String name, PostgresDatabase database, boolean worker) {
        return SpringApplication.run(HeraldApplication.class, "--server.port=0",
                "--spring.datasource.url=" + database.jdbcUrl(),
                "--herald.redis.url=" + redis.url(),
                "--herald.worker.enabled=" + worker,
                // A day's budget: nothing refills while the test runs.
                "--herald.limits.api-key-rate.requests=" + KEY_LIMIT,
                "--herald.limits.api-key-rate.per=1d",
                "--herald.data-dir=target/test-data/two-nodes-" + name + "-" + UUID.randomUUID(),
                "--herald.admin-key=" + EmbeddedHeraldTest.ADMIN_KEY,
                // Without Redis a node rechecks the access version twice a second; an hour here proves the push.
                "--herald.access.recheck=1h",
                "--logging.level.root=warn");
    }

    private static HeraldClient client(ConfigurableApplicationContext node) {
        return new HeraldClient(port(node), EmbeddedHeraldTest.ADMIN_KEY);
    }

    private static int port(ConfigurableApplicationContext node) {
        return Integer.parseInt(node.getEnvironment().getProperty("local.server.port"));
    }

    @AfterAll
    static void stop() {
        if (nodeB != null) {
            nodeB.close();
        }
        if (nodeA != null) {
            nodeA.close();
        }
        redis.close();
    }

    @Test
    void aBrowserOnNodeBHearsAMessageAcceptedByNodeA() throws Exception {
        String user = "ann-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(clientA.put("/api/v1/users/" + user, "{\"email\":\"ann@example.com\"}").status()).isEqualTo(201);
        String token = clientA.post("/api/v1/users/" + user + "/inbox-token", "").body().get("token").asString();

        try (EventStream stream = EventStream.open(URI.create("http://127.0.0.1:" + port(nodeB)
                + "/api/v1/inbox/stream?token=" + token))) {
            assertThat(stream.status()).isEqualTo(200);
            assertThat(stream.next(PATIENCE).name()).isEqualTo("unread");

            Answer accepted = clientA.post("/api/v1/notifications", """
                    {"type":"comment.added","recipients":["%s"],"channels":["IN_APP"],
                     "content":{"title":"from node A","body":"hello"}}""".formatted(user));
            assertThat(accepted.status()).isEqualTo(202);

            EventStream.Event arrived = stream.next(PATIENCE);
            assertThat(arrived.name()).isEqualTo("message");
            JsonNode data = JSON.readTree(arrived.data());
            assertThat(data.get("message").get("title").asString()).isEqualTo("from node A");
            assertThat(data.get("message").get("notificationId").asString())
                    .isEqualTo(accepted.body().get("id").asString());
            assertThat(data.get("unread").asLong()).isEqualTo(1);
        }
    }

    @Test
    void aTypeChangedThroughNodeAIsSeenByNodeBAtOnce() {
        String type = "two.nodes." + UUID.randomUUID().toString().substring(0, 8);
        assertThat(clientA.put("/api/v1/types/" + type, "{\"channels\":[\"EMAIL\"]}").status()).isEqualTo(201);
        CachedTypeCatalog typesOnB = nodeB.getBean(CachedTypeCatalog.class);
        // Node B reads the type once: from now on it answers from memory, for 30 s unless told otherwise.
        assertThat(typesOnB.find(TenantId.defaultTenant(), type).map(NotificationType::channels))
                .contains(List.of(Channel.EMAIL));

        assertThat(clientA.put("/api/v1/types/" + type, "{\"channels\":[\"SMS\"]}").status()).isEqualTo(200);

        await().atMost(PATIENCE).until(() -> typesOnB.find(TenantId.defaultTenant(), type)
                .map(NotificationType::channels), channels -> channels.equals(Optional.of(List.of(
                Channel.SMS))));
    }

    @Test
    void aPerKeyLimitHoldsForBothNodesTogether() {
        String secret = nodeA.getBean(ApiKeys.class).issue(TenantId.defaultTenant(), "two-nodes",
                Set.of(Scope.SEND, Scope.READ)).secret();
        HeraldClient keyOnA = clientA.withKey(secret);
        HeraldClient keyOnB = clientB.withKey(secret);

        int allowed = 0;
        int refused = 0;
        for (int i = 0; i < 2 * KEY_LIMIT; i++) {
            int status = (i % 2 == 0 ? keyOnA : keyOnB).get("/api/v1/types/order.shipped").status();
            if (status == 200) {
                allowed++;
            } else if (status == 429) {
                refused++;
            }
        }

        assertThat(allowed).isEqualTo(KEY_LIMIT);
        assertThat(refused).isEqualTo(KEY_LIMIT);
    }

    @Test
    void aKeyRevokedThroughNodeAIsRefusedByNodeBAtOnceThroughRedis() {
        var made = clientA.post("/api/v1/api-keys", "{\"name\":\"revoke-me\",\"scopes\":[\"read\"]}").body();
        HeraldClient keyOnB = clientB.withKey(made.get("key").asString());
        assertThat(keyOnB.get("/api/v1/types/order.shipped").status()).isEqualTo(200);   // now cached on B

        assertThat(clientA.delete("/api/v1/api-keys/" + made.get("id").asString()).status()).isEqualTo(204);

        await().atMost(Duration.ofSeconds(1)).until(() -> keyOnB.get("/api/v1/types/order.shipped").status() == 401);
    }
}
