package dev.herald.server;

import dev.herald.server.HeraldClient.Answer;
import dev.herald.testkit.EmbeddedPostgresExtension;
import dev.herald.testkit.PostgresDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One artifact, roles per node ({@code herald.roles}): an API-only node accepts and never dispatches, a worker-only
 * node dispatches what the API node accepted and answers {@code /api/**} with a 404 that says why, and both serve
 * health. Two nodes on one PostgreSQL database, as scale mode runs them.
 */
@ExtendWith(EmbeddedPostgresExtension.class)
class NodeRolesTest {
    private static ConfigurableApplicationContext apiNode;
    private static ConfigurableApplicationContext workerNode;
    private static HeraldClient api;
    private static HeraldClient worker;
    private static PostgresDatabase database;

    @BeforeAll
    static void start(PostgresDatabase shared) {
        database = shared;
        apiNode = node(database, "api");
        api = client(apiNode);
    }

    private static ConfigurableApplicationContext node(PostgresDatabase database, String roles) {
        return SpringApplication.run(HeraldApplication.class, "--server.port=0",
                "--spring.datasource.url=" + database.jdbcUrl(),
                "--herald.data-dir=target/test-data/roles-" + roles + "-" + UUID.randomUUID(),
                "--herald.admin-key=" + EmbeddedHeraldTest.ADMIN_KEY,
                "--herald.roles=" + roles,
                "--logging.level.root=warn");
    }

    private static HeraldClient client(ConfigurableApplicationContext node) {
        return new HeraldClient(Integer.parseInt(node.getEnvironment().getProperty("local.server.port")),
                EmbeddedHeraldTest.ADMIN_KEY);
    }

    @AfterAll
    static void stop() {
        if (workerNode != null) {
            workerNode.close();
        }
        apiNode.close();
    }

    private static String status(String id) {
        return api.get("/api/v1/notifications/" + id).body().get("deliveries").get(0).get("status").asString();
    }

    @Test
    void anApiNodeAcceptsAndAWorkerNodeDispatchesWhatItAccepted() {
        Answer accepted = api.post("/api/v1/notifications", """
                {"type":"roles.check","recipients":[{"email":"roles@example.com"}],"channels":["EMAIL"],
                 "content":{"title":"Roles","body":"one artifact, two roles"}}""");
        assertThat(accepted.status()).as(accepted.text()).isEqualTo(202);
        String id = accepted.body().get("id").asString();

        // No dispatcher on the API node: the delivery waits, and readiness says why none runs.
        assertThat(status(id)).isEqualTo("QUEUED");
        assertThat(api.withKey(null).get("/actuator/health/readiness").status()).isEqualTo(200);

        workerNode = node(database, "worker");
        worker = client(workerNode);
        await().atMost(Duration.ofSeconds(30)).until(() -> status(id).equals("SENT"));

        Answer refused = worker.post("/api/v1/notifications", "{}");
        assertThat(refused.status()).isEqualTo(404);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.text()).contains("not-an-api-node").contains("herald.roles");
        // The console is part of what API nodes serve: a worker shows no sign-in page either.
        assertThat(worker.withKey(null).get("/console/sign-in").text()).contains("not-an-api-node");
        assertThat(worker.withKey(null).get("/actuator/health/readiness").status()).isEqualTo(200);
    }
}
