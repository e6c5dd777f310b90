package dev.herald.server;

import dev.herald.server.HeraldClient.Answer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.util.Collections;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The batch cap counts the deliveries a batch would really write: a type's default channels and each push device
 * of each recipient, not the channels the items happen to name.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class BatchFanOutTest {
    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry r) {
        r.add("herald.data-dir", () -> "target/test-data/fan-out-" + UUID.randomUUID());
        r.add("herald.limits.max-batch-deliveries", () -> "20");
    }

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aBatchWhoseTypeAndDevicesFanOutPastTheCapIsRefusedAndNothingIsWritten() {
        HeraldClient herald = new HeraldClient(port, EmbeddedHeraldTest.ADMIN_KEY);
        // Ten deliveries per notification: email, SMS and eight phones, though the items name no channel.
        assertThat(herald.put("/api/v1/types/fan.out", "{\"channels\":[\"EMAIL\",\"SMS\",\"PUSH\"]}").status())
                .isEqualTo(201);
        assertThat(herald.put("/api/v1/users/fay", "{\"email\":\"fay@example.com\",\"phone\":\"+821012340000\"}")
                .status()).isEqualTo(201);
        for (int i = 0; i < 8; i++) {
            assertThat(herald.post("/api/v1/users/fay/devices", "{\"platform\":\"fcm\",\"token\":\"fay-" + i + "\"}")
                    .status()).isEqualTo(201);
        }
        String item = "{\"type\":\"fan.out\",\"recipients\":[\"fay\"],\"content\":{\"body\":\"hi\"}}";
        long notifications = jdbc.queryForObject("SELECT COUNT(*) FROM notification", Long.class);

        Answer refused = herald.post("/api/v1/notifications/batch",
                "{\"notifications\":[" + String.join(",", Collections.nCopies(3, item)) + "]}");

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.body().get("errors").findValuesAsString("field")).containsExactly("notifications");
        assertThat(refused.body().get("errors").findValuesAsString("rule")).containsExactly("max-deliveries");
        assertThat(refused.body().get("errors").get(0).get("message").asString()).contains("20");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM notification", Long.class)).isEqualTo(notifications);

        // Exactly at the cap is fine.
        Answer accepted = herald.post("/api/v1/notifications/batch",
                "{\"notifications\":[" + String.join(",", Collections.nCopies(2, item)) + "]}");
        assertThat(accepted.status()).isEqualTo(200);
        assertThat(accepted.body().get("accepted").asInt()).isEqualTo(2);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM notification", Long.class))
                .isEqualTo(notifications + 2);
    }
}
