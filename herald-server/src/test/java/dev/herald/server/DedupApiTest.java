package dev.herald.server;

import dev.herald.server.HeraldClient.Answer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The same content to the same address within the window goes out once; the rest is SUPPRESSED, saying why. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class DedupApiTest {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry r) {
        r.add("herald.data-dir", () -> "target/test-data/dedup-" + UUID.randomUUID());
        r.add("herald.admin-key", () -> EmbeddedHeraldTest.ADMIN_KEY);
        r.add("herald.dedup.window", () -> "10m");
    }

    @LocalServerPort
    int port;
    HeraldClient herald;

    @BeforeEach
    void connect() {
        herald = new HeraldClient(port, EmbeddedHeraldTest.ADMIN_KEY);
    }

    private String send(String phone, String body) {
        return herald.post("/api/v1/notifications", """
                {"type":"otp","recipients":[{"phone":"%s"}],"channels":["SMS"],"content":{"body":"%s"}}"""
                .formatted(phone, body)).body().get("id").asString();
    }

    private JsonNode finalDelivery(String id) {
        JsonNode[] d = new JsonNode[1];
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            d[0] = herald.get("/api/v1/notifications/" + id).body().get("deliveries").get(0);
            String status = d[0].get("status").asString();
            return status.equals("SENT") || status.equals("SUPPRESSED");
        });
        return d[0];
    }

    @Test
    void aRepeatIsSuppressedNamingTheOriginalWhileOtherContentOrAddressesGo() {
        JsonNode first = finalDelivery(send("+821077770001", "Your code is 111111"));
        JsonNode repeat = finalDelivery(send("+821077770001", "Your code is 111111"));
        JsonNode otherText = finalDelivery(send("+821077770001", "Your code is 222222"));
        JsonNode otherPhone = finalDelivery(send("+821077770002", "Your code is 111111"));

        assertThat(first.get("status").asString()).isEqualTo("SENT");
        assertThat(repeat.get("status").asString()).isEqualTo("SUPPRESSED");
        assertThat(repeat.get("lastError").asString()).contains("duplicate of delivery " + first.get("id").asString());
        assertThat(otherText.get("status").asString()).isEqualTo("SENT");
        assertThat(otherPhone.get("status").asString()).isEqualTo("SENT");
    }

    @Test
    void aTypeCanTurnDedupOffForItself() {
        herald.put("/api/v1/types/auth.code", "{\"channels\":[\"SMS\"],\"dedupWindow\":\"PT0S\"}");
        String body = """
                {"type":"auth.code","recipients":[{"phone":"+821077770009"}],"content":{"body":"Code 999999"}}""";

        String first = herald.post("/api/v1/notifications", body).body().get("id").asString();
        String second = herald.post("/api/v1/notifications", body).body().get("id").asString();

        // A user may well ask for the same code twice: both go.
        assertThat(finalDelivery(first).get("status").asString()).isEqualTo("SENT");
        assertThat(finalDelivery(second).get("status").asString()).isEqualTo("SENT");
    }

    @Test
    void ofTenIdenticalRequestsAtOnceExactlyOneIsSent() throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<String>> ids = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 10; i++) {
                ids.add(pool.submit(() -> {
                    start.await();
                    return send("+821077770003", "Flash sale starts now");
                }));
            }
            start.countDown();
            int sent = 0;
            for (Future<String> id : ids) {
                if (finalDelivery(id.get()).get("status").asString().equals("SENT")) {
                    sent++;
                }
            }
            assertThat(sent).isEqualTo(1);
        }
        Answer sandbox = herald.get("/api/v1/sandbox/messages?channel=SMS&to=%2B821077770003");
        assertThat(sandbox.body().get("items")).hasSize(1);
        JsonNode stats = herald.get("/api/v1/admin/stats/dedup?days=1").body();
        assertThat(stats.get("suppressed").get("SMS").asLong()).isGreaterThanOrEqualTo(9);
        assertThat(stats.get("paidMessagesSaved").asLong()).isGreaterThanOrEqualTo(9);
    }
}
