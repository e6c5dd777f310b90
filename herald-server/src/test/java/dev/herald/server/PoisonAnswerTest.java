package dev.herald.server;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.herald.server.HeraldClient.Answer;
import dev.herald.testkit.EmbeddedPostgresExtension;
import dev.herald.testkit.PostgresDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import java.util.Base64;

/**
 * On PostgreSQL, which refuses a NUL byte in text: a webhook receiver that answers 400 with a NUL in its body once
 * stalled every outcome write of the node. Its delivery must fail with a readable reason, and everything sent after it,
 * on every channel, must still go out.
 */
@ExtendWith(EmbeddedPostgresExtension.class)
class PoisonAnswerTest {
    private static final String SECRET = "whsec_" + Base64.getEncoder()
            .encodeToString("a-webhook-secret-of-32-bytes-xx!".getBytes(StandardCharsets.US_ASCII));
    private static final WireMockServer receiver = new WireMockServer(wireMockConfig().dynamicPort());
    private static ConfigurableApplicationContext herald;
    private static HeraldClient client;

    @BeforeAll
    static void start(PostgresDatabase database) {
        receiver.start();
        receiver.stubFor(post(urlEqualTo("/hooks/hostile")).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "text/plain").withBody("refused\u0000 by\u0000 design")));
        herald = SpringApplication.run(HeraldApplication.class, "--server.port=0",
                "--spring.datasource.url=" + database.jdbcUrl(),
                "--herald.data-dir=target/test-data/poison-" + UUID.randomUUID(),
                "--herald.admin-key=" + EmbeddedHeraldTest.ADMIN_KEY,
                "--herald.providers.webhook[0].url=http://127.0.0.1:" + receiver.port() + "/hooks/hostile",
                "--herald.providers.webhook[0].secret=" + SECRET,
                "--herald.dedup.window=0s",
                "--logging.level.root=warn");
        client = new HeraldClient(Integer.parseInt(herald.getEnvironment().getProperty("local.server.port")),
                EmbeddedHeraldTest.ADMIN_KEY);
    }

    @AfterAll
    static void stop() {
        herald.close();
        receiver.stop();
    }

    @Test
    void aReceiverAnsweringWithANulByteFailsItsOwnDeliveryAndStallsNothingElse() {
        client.put("/api/v1/users/ann", "{\"email\":\"ann@example.com\",\"phone\":\"+821012345678\"}");
        Answer hostile = client.post("/api/v1/notifications", """
                {"type":"order.shipped","recipients":["ann"],"channels":["WEBHOOK"],"content":{"body":"hook"}}""");
        assertThat(hostile.status()).isEqualTo(202);
        String hostileId = hostile.body().get("id").asString();

        List<String> others = new ArrayList<>();
        String[] channels = {"EMAIL", "SMS", "SLACK"};
        for (int i = 0; i < 20; i++) {
            String recipient = switch (channels[i % 3]) {
                case "EMAIL" -> "{\"email\":\"user" + i + "@example.com\"}";
                case "SMS" -> "{\"phone\":\"+8210" + (20000000 + i) + "\"}";
                default -> "\"ann\"";
            };
            String channel = channels[i % 3].equals("SLACK") ? "IN_APP" : channels[i % 3];
            Answer a = client.post("/api/v1/notifications", "{\"type\":\"order.shipped\",\"recipients\":[" + recipient
                    + "],\"channels\":[\"" + channel + "\"],\"content\":{\"title\":\"n" + i + "\",\"body\":\"b" + i + "\"}}");
            assertThat(a.status()).isEqualTo(202);
            others.add(a.body().get("id").asString());
        }

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            for (String id : others) {
                assertThat(client.get("/api/v1/notifications/" + id).body().get("deliveries").get(0).get("status")
                        .asString()).isEqualTo("SENT");
            }
        });
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode delivery = client.get("/api/v1/notifications/" + hostileId).body().get("deliveries").get(0);
            assertThat(delivery.get("status").asString()).isEqualTo("FAILED");
            assertThat(delivery.get("lastError").asString()).contains("HTTP 400").contains("refused by design")
                    .doesNotContain("\u0000");
        });
    }
}
