package dev.herald.server;

import dev.herald.server.HeraldClient.Answer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import java.time.Instant;

/** With the SMTP relay down, email is not lost: it waits in the queue and is retried with backoff. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class SmtpDownTest {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("herald.data-dir", () -> "target/test-data/smtp-down-" + UUID.randomUUID());
        registry.add("herald.providers.smtp[0].host", () -> "127.0.0.1");
        registry.add("herald.providers.smtp[0].port", SmtpDownTest::closedPort);
        registry.add("herald.retry.initial-backoff", () -> "600ms");
        registry.add("herald.retry.jitter", () -> "0");
        registry.add("herald.retry.max-attempts", () -> "3");
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @LocalServerPort
    int port;

    @Test
    void emailIsRetriedWithBackoffAndWaitModeAnswers202WhenTimeRunsOut() {
        HeraldClient herald = new HeraldClient(port, EmbeddedHeraldTest.ADMIN_KEY);

        Answer answer = herald.post("/api/v1/notifications", """
                {"type":"welcome","recipients":[{"email":"ann@example.com"}],"channels":["EMAIL"],
                 "content":{"title":"Hi","body":"Welcome"}}""", "Prefer", "wait=1");

        assertThat(answer.status()).isEqualTo(202);
        String id = answer.body().get("id").asString();
        await().atMost(Duration.ofSeconds(15)).until(() -> herald.get("/api/v1/notifications/" + id).body()
                .get("deliveries").get(0).get("status").asString().equals("DEAD"));
        JsonNode delivery = herald.get("/api/v1/notifications/" + id).body().get("deliveries").get(0);
        assertThat(delivery.get("attempts").asInt()).isEqualTo(3);
        assertThat(delivery.get("history").findValuesAsString("status"))
                .containsExactly("QUEUED", "QUEUED", "QUEUED", "DEAD");
        assertThat(delivery.get("lastError").asString()).contains("ConnectException");
        JsonNode history = delivery.get("history");
        Duration firstWait = Duration.between(Instant.parse(history.get(1).get("at").asString()),
                Instant.parse(history.get(2).get("at").asString()));
        assertThat(firstWait).isGreaterThanOrEqualTo(Duration.ofMillis(600));
    }

    @Test
    void anEmailThatCannotGoOutBeforeItExpiresEndsExpiredNotLate() {
        HeraldClient herald = new HeraldClient(port, EmbeddedHeraldTest.ADMIN_KEY);
        String expiresAt = Instant.now().plusMillis(900).toString();

        String id = herald.post("/api/v1/notifications", """
                {"type":"otp","recipients":[{"email":"ann@example.com"}],"channels":["EMAIL"],
                 "content":{"body":"Your code is 123456"},"expiresAt":"%s"}""".formatted(expiresAt))
                .body().get("id").asString();

        await().atMost(Duration.ofSeconds(15)).until(() -> herald.get("/api/v1/notifications/" + id).body()
                .get("deliveries").get(0).get("status").asString().equals("EXPIRED"));
        JsonNode delivery = herald.get("/api/v1/notifications/" + id).body().get("deliveries").get(0);
        assertThat(delivery.get("history").findValuesAsString("status")).startsWith("QUEUED").endsWith("EXPIRED")
                .doesNotContain("DEAD", "SENT");
    }
}
