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
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** The same application on PostgreSQL (scale mode's database): migrations, the one-statement claim, wait mode. */
@ExtendWith(EmbeddedPostgresExtension.class)
class PostgresModeTest {
    private static ConfigurableApplicationContext herald;
    private static HeraldClient client;

    @BeforeAll
    static void start(PostgresDatabase database) {
        herald = SpringApplication.run(HeraldApplication.class, "--server.port=0",
                "--spring.datasource.url=" + database.jdbcUrl(),
                "--herald.data-dir=target/test-data/postgres-mode-" + UUID.randomUUID(),
                "--herald.admin-key=" + EmbeddedHeraldTest.ADMIN_KEY,
                "--logging.level.root=warn");
        client = new HeraldClient(Integer.parseInt(herald.getEnvironment().getProperty("local.server.port")),
                EmbeddedHeraldTest.ADMIN_KEY);
    }

    @AfterAll
    static void stop() {
        herald.close();
    }

    @Test
    void aNotificationIsAcceptedSentAndReadBackOnPostgres() {
        client.put("/api/v1/users/ann", "{\"email\":\"ann@example.com\",\"phone\":\"+821012345678\"}");

        Answer answer = client.post("/api/v1/notifications", """
                {"type":"order.shipped","recipients":["ann"],"channels":["EMAIL","SMS"],"priority":"HIGH",
                 "content":{"title":"Shipped","body":"On its way"}}""", "Prefer", "wait=10");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body().get("deliveries").findValuesAsString("status")).containsExactly("SENT", "SENT");
        String id = answer.body().get("id").asString();
        assertThat(client.get("/api/v1/notifications?userId=ann").body().get("items").get(0).get("id").asString())
                .isEqualTo(id);
        JdbcTemplate jdbc = new JdbcTemplate(herald.getBean(DataSource.class));
        assertThat(jdbc.queryForObject("SHOW plan_cache_mode", String.class)).isEqualTo("force_custom_plan");
    }

    @Test
    void fiftyConcurrentRepeatsOfOneKeyCreateExactlyOneNotification() throws Exception {
        String body = """
                {"type":"payment.received","recipients":[{"email":"pay@example.com"}],"channels":["EMAIL"],
                 "content":{"body":"Thanks"}}""";
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Answer>> answers = new ArrayList<>();
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 50; i++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return client.post("/api/v1/notifications", body, "Idempotency-Key", "pay-7781");
                }));
            }
            start.countDown();
            Set<String> ids = new HashSet<>();
            for (var answer : answers) {
                Answer a = answer.get();
                assertThat(a.status()).isIn(200, 202);
                ids.add(a.body().get("id").asString());
            }
            assertThat(ids).hasSize(1);
        }
        JdbcTemplate jdbc = new JdbcTemplate(herald.getBean(DataSource.class));
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM notification WHERE idempotency_key = 'pay-7781'",
                Long.class)).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM notification WHERE type = 'payment.received'",
                Long.class)).isEqualTo(1);

        Answer different = client.post("/api/v1/notifications", body.replace("Thanks", "Thank you"),
                "Idempotency-Key", "pay-7781");
        assertThat(different.status()).isEqualTo(422);
        assertThat(different.contentType()).startsWith("application/problem+json");
        assertThat(different.body().get("errors").get(0).get("field").asString()).isEqualTo("idempotencyKey");
    }
}
