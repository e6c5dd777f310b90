package dev.herald.server;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Nothing accepted is lost: Herald runs as its own process, is killed with SIGKILL while deliveries are in
 * flight, and after a restart on the same data folder every accepted delivery reaches SENT.
 */
class CrashRecoveryTest {
    private static final String KEY = "hk_crash-test-key-0123456789abcdefghijklmnopqrstuvwx";
    private final Path dataDir = Path.of("target/test-data/crash-" + UUID.randomUUID()).toAbsolutePath();
    private final int port = HeraldProcess.freePort();
    private HeraldProcess herald;

    @AfterEach
    void stop() {
        if (herald != null) {
            herald.kill();
        }
    }

    @Test
    void killDashNineWhileDeliveriesAreInFlightLosesNothing() throws Exception {
        herald = start("first");
        HeraldClient client = new HeraldClient(port, KEY);
        StringBuilder batch = new StringBuilder("{\"notifications\":[");
        for (int i = 0; i < 40; i++) {
            batch.append(i == 0 ? "" : ",").append("""
                    {"type":"otp","recipients":[{"phone":"+8210000000%02d"}],"channels":["SMS"],
                     "content":{"body":"code %d"}}""".formatted(i, i));
        }
        JsonNode results = client.post("/api/v1/notifications/batch", batch.append("]}").toString()).body();
        assertThat(results.get("accepted").asInt()).isEqualTo(40);
        List<String> ids = new ArrayList<>();
        results.get("results").forEach(r -> ids.add(r.get("notification").get("id").asString()));

        // Kill once some deliveries are done and others are still being sent.
        await().atMost(Duration.ofSeconds(30)).until(() -> sent(client, ids) >= 4);
        herald.kill();
        assertThat(sent(client, ids)).as("the server is down").isEqualTo(-1);

        herald = start("second");
        await().atMost(Duration.ofSeconds(60)).until(() -> sent(client, ids) == ids.size());

        Set<String> capturedDeliveries = new HashSet<>(client.get("/api/v1/sandbox/messages?channel=SMS&limit=500")
                .body().get("items").findValuesAsString("deliveryId"));
        for (String id : ids) {
            JsonNode delivery = client.get("/api/v1/notifications/" + id).body().get("deliveries").get(0);
            assertThat(delivery.get("status").asString()).isEqualTo("SENT");
            assertThat(capturedDeliveries).contains(delivery.get("id").asString());
        }
    }

    /** How many of the notifications are fully sent, or -1 when Herald does not answer. */
    private static int sent(HeraldClient client, List<String> ids) {
        try {
            int sent = 0;
            for (String id : ids) {
                JsonNode delivery = client.get("/api/v1/notifications/" + id).body().get("deliveries").get(0);
                if (delivery.get("status").asString().equals("SENT")) {
                    sent++;
                }
            }
            return sent;
        } catch (IllegalStateException down) {
            return -1;
        }
    }

    private HeraldProcess start(String run) {
        return HeraldProcess.start(run, dataDir, port, KEY, List.of(
                // Slow sends and few slots keep deliveries in flight long enough to be killed mid-way.
                "--herald.providers.sandbox.latency=250ms",
                "--herald.worker.normal-concurrency=4",
                "--herald.worker.lease=2s"));
    }
}
