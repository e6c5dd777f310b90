package dev.herald.server;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Each priority has its own claim loop and its own send slots: a CRITICAL message sent behind a large LOW backlog
 * goes out while most of that backlog is still waiting. (How long it takes is the benchmark's business.)
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class PriorityLanesTest {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry r) {
        r.add("herald.data-dir", () -> "target/test-data/lanes-" + UUID.randomUUID());
        r.add("herald.admin-key", () -> EmbeddedHeraldTest.ADMIN_KEY);
        // Every send takes 20 ms and LOW may have 4 in flight: 2,000 LOW messages need about 10 s to drain.
        r.add("herald.providers.sandbox.latency", () -> "20ms");
        r.add("herald.worker.low-concurrency", () -> "4");
    }

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    private String batch(String priority, int from, int count) {
        StringBuilder items = new StringBuilder();
        for (int i = from; i < from + count; i++) {
            items.append(i > from ? "," : "").append("""
                    {"type":"digest.weekly","recipients":[{"email":"u%d@example.com"}],"channels":["EMAIL"],
                     "priority":"%s","content":{"body":"Weekly digest %d"}}""".formatted(i, priority, i));
        }
        return "{\"notifications\":[" + items + "]}";
    }

    @Test
    void aCriticalMessageOvertakesALowBacklog() {
        HeraldClient herald = new HeraldClient(port, EmbeddedHeraldTest.ADMIN_KEY);
        assertThat(herald.post("/api/v1/notifications/batch", batch("LOW", 0, 1000)).status()).isEqualTo(200);
        assertThat(herald.post("/api/v1/notifications/batch", batch("LOW", 1000, 1000)).status()).isEqualTo(200);

        String critical = herald.post("/api/v1/notifications", """
                {"type":"security.login","recipients":[{"email":"owner@example.com"}],"channels":["EMAIL"],
                 "priority":"CRITICAL","content":{"body":"New sign-in from Seoul"}}""").body().get("id").asString();
        await().atMost(Duration.ofSeconds(20)).until(() -> herald.get("/api/v1/notifications/" + critical).body()
                .get("status").asString().equals("COMPLETED"));

        long lowWaiting = jdbc.queryForObject("SELECT COUNT(*) FROM delivery WHERE lane = 'LOW' AND status <> 'SENT'",
                Long.class);
        assertThat(lowWaiting).as("LOW deliveries still waiting when CRITICAL was sent").isGreaterThan(1000);
    }
}
