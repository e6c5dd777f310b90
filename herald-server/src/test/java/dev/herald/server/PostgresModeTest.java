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

/** The same application on PostgreSQL (scale mode's database): migrations, the one-statement claim, wait mode. */
@ExtendWith(EmbeddedPostgresExtension.class)
class PostgresModeTest {
    private static ConfigurableApplicationContext herald;
    private static HeraldClient client;

    @BeforeAll
    static void start(PostgresDatabase database) {
        herald = SpringApplication.run(HeraldApplication.class, "--server.port=0",
                "--spring.datasource.url=" + database.jdbcUrl(),
                "--herald.data-dir=target/test-data/postgres-mode",
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
}
