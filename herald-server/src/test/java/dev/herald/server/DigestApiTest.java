package dev.herald.server;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** LOW notifications of a digested type reach a user as one message listing them when the window closes. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class DigestApiTest {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry r) {
        r.add("herald.data-dir", () -> "target/test-data/digest-" + UUID.randomUUID());
        r.add("herald.admin-key", () -> EmbeddedHeraldTest.ADMIN_KEY);
        r.add("herald.digest.types.[social.like]", () -> "3s");
        r.add("herald.digest.check-every", () -> "200ms");
    }

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void lowLikesBecomeOneDigestWhileOtherPrioritiesAndTypesGoAtOnce() {
        HeraldClient herald = new HeraldClient(port, EmbeddedHeraldTest.ADMIN_KEY);
        herald.put("/api/v1/users/liv", "{\"email\":\"liv@example.com\"}");
        List<String> likes = new ArrayList<>();
        for (String who : List.of("Bo", "Cy", "Di")) {
            likes.add(herald.post("/api/v1/notifications", """
                    {"type":"social.like","priority":"LOW","recipients":["liv"],"channels":["EMAIL"],
                     "content":{"title":"%s liked your photo","body":"Tap to see it"}}""".formatted(who))
                    .body().get("id").asString());
        }
        String urgent = herald.post("/api/v1/notifications", """
                {"type":"social.like","priority":"HIGH","recipients":["liv"],"channels":["EMAIL"],
                 "content":{"title":"Your photo is trending","body":"1,000 likes"}}""", "Prefer", "wait=10")
                .body().get("deliveries").get(0).get("status").asString();
        assertThat(urgent).isEqualTo("SENT");
        assertThat(status(likes.getFirst())).isEqualTo("SCHEDULED");

        await().atMost(Duration.ofSeconds(15)).until(() -> likes.stream().allMatch(id -> status(id).equals("SUPPRESSED")));
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.queryForObject(
                "SELECT COUNT(*) FROM delivery WHERE type = 'social.like' AND status = 'QUEUED'", Long.class) == 0);

        // Normally one digest; two if the three likes happened to straddle a window boundary.
        JsonNode mails = herald.get("/api/v1/sandbox/messages?channel=EMAIL&to=liv%40example.com&limit=10").body()
                .get("items");
        List<String> digests = new ArrayList<>();
        mails.forEach(m -> {
            if (m.get("subject").asString().contains("new social.like notifications")) {
                digests.add(m.get("text").asString());
            }
        });
        assertThat(digests).hasSizeBetween(1, 2);
        assertThat(String.join("\n", digests)).contains("Bo liked your photo").contains("Cy liked your photo")
                .contains("Di liked your photo");
        JsonNode item = herald.get("/api/v1/notifications/" + likes.getFirst()).body().get("deliveries").get(0);
        assertThat(item.get("lastError").asString()).startsWith("merged into digest delivery");
    }

    private String status(String notificationId) {
        return new HeraldClient(port, EmbeddedHeraldTest.ADMIN_KEY).get("/api/v1/notifications/" + notificationId)
                .body().get("deliveries").get(0).get("status").asString();
    }
}
