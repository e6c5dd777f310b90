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

    @Test
    void killDashNineInTheMiddleOfAWorkflowsWaitRunsEachStepExactlyOnce() throws Exception {
        herald = start("first");
        HeraldClient client = new HeraldClient(port, KEY);
        assertThat(client.put("/api/v1/users/ann", "{\"email\":\"ann@example.com\",\"phone\":\"+821012345678\"}")
                .status()).isEqualTo(201);
        assertThat(client.put("/api/v1/types/order.late", """
                {"recipientFields":["userId"],"steps":[{"send":"IN_APP"},{"wait":"PT5S","until":"READ"},
                 {"send":"EMAIL","unless":"READ"},{"delay":"PT1S"},{"send":"SMS"}]}""").status()).isEqualTo(201);
        StringBuilder batch = new StringBuilder("{\"notifications\":[");
        for (int i = 0; i < 20; i++) {
            batch.append(i == 0 ? "" : ",").append("""
                    {"type":"order.late","recipients":["ann"],"content":{"title":"Late %d","body":"Sorry %d"}}"""
                    .formatted(i, i));
        }
        JsonNode results = client.post("/api/v1/notifications/batch", batch.append("]}").toString()).body();
        assertThat(results.get("accepted").asInt()).isEqualTo(20);
        List<String> ids = new ArrayList<>();
        results.get("results").forEach(r -> ids.add(r.get("notification").get("id").asString()));
        JsonNode waiting = client.get("/api/v1/notifications/" + ids.getFirst()).body();
        assertThat(waiting.get("steps").findValuesAsString("state")).containsExactly("DONE", "DUE", "WAITING",
                "WAITING", "WAITING");

        // Killed while every run waits; the timers are rows, so the restarted node picks them up.
        herald.kill();
        herald = start("second");
        await().atMost(Duration.ofSeconds(60)).until(() -> ids.stream().allMatch(id -> finished(client, id)));

        Set<String> emailed = new HashSet<>(client.get("/api/v1/sandbox/messages?channel=EMAIL&limit=500")
                .body().get("items").findValuesAsString("deliveryId"));
        List<String> texted = client.get("/api/v1/sandbox/messages?channel=SMS&limit=500")
                .body().get("items").findValuesAsString("deliveryId");
        assertThat(texted).doesNotHaveDuplicates();
        for (String id : ids) {
            JsonNode n = client.get("/api/v1/notifications/" + id).body();
            assertThat(n.get("steps").findValuesAsString("state")).containsOnly("DONE");
            for (JsonNode d : n.get("deliveries")) {
                assertThat(d.get("status").asString()).isEqualTo("SENT");
                // Released by its step once: one QUEUED in its history, never two.
                if (!d.get("channel").asString().equals("IN_APP")) {
                    assertThat(d.get("history").findValuesAsString("status")).containsOnlyOnce("QUEUED");
                }
            }
            assertThat(emailed).contains(delivery(n, "EMAIL"));
            assertThat(texted).containsOnlyOnce(delivery(n, "SMS"));
        }
    }

    private static boolean finished(HeraldClient client, String id) {
        try {
            JsonNode n = client.get("/api/v1/notifications/" + id).body();
            return n.get("status").asString().equals("COMPLETED")
                    && n.get("steps").findValuesAsString("state").stream().allMatch("DONE"::equals);
        } catch (IllegalStateException down) {
            return false;
        }
    }

    private static String delivery(JsonNode notification, String channel) {
        for (JsonNode d : notification.get("deliveries")) {
            if (d.get("channel").asString().equals(channel)) {
                return d.get("id").asString();
            }
        }
        throw new AssertionError("no " + channel + " delivery");
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
