package dev.herald.server;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A broadcast survives kill -9 in the middle of its fan-out: Herald runs as its own process, is killed while the
 * broadcast is being planned, and after a restart on the same data folder the new process takes the broadcast over
 * where the last committed chunk ended. Every subscriber ends up with exactly one notification.
 */
class BroadcastCrashTest {
    private static final String KEY = "hk_bcast-crash-key-0123456789abcdefghijklmnopqrstuvw";
    private static final int SUBSCRIBERS = 1_500;
    private final Path dataDir = Path.of("target/test-data/bcast-crash-" + UUID.randomUUID()).toAbsolutePath();
    private final int port = HeraldProcess.freePort();
    private HeraldProcess herald;

    @AfterEach
    void stop() {
        if (herald != null) {
            herald.kill();
        }
    }

    @Test
    void killDashNineMidFanOutResumesAndPlansEverySubscriberExactlyOnce() {
        herald = start("first");
        HeraldClient client = new HeraldClient(port, KEY);
        assertThat(client.put("/api/v1/topics/crash-news", "{\"name\":\"News\"}").status()).isEqualTo(201);
        List<String> users = new ArrayList<>();
        StringBuilder add = new StringBuilder("{\"add\":[");
        for (int i = 0; i < SUBSCRIBERS; i++) {
            String user = "crash-u%04d".formatted(i);
            assertThat(client.put("/api/v1/users/" + user, "{\"email\":\"" + user + "@example.com\"}").status())
                    .isEqualTo(201);
            users.add(user);
            add.append(i == 0 ? "" : ",").append('"').append(user).append('"');
        }
        assertThat(client.post("/api/v1/topics/crash-news/subscribers", add.append("]}").toString())
                .body().get("added").asInt()).isEqualTo(SUBSCRIBERS);

        String id = client.post("/api/v1/notifications", """
                {"type":"crash.news","topic":"crash-news","channels":["IN_APP"],"content":{"body":"still here"}}""")
                .body().get("broadcastId").asString();
        // Killed once some chunks are committed and others are not.
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(5))
                .until(() -> client.get("/api/v1/broadcasts/" + id).body().get("planned").asLong() >= 100);
        herald.kill();

        herald = start("second");
        JsonNode resumed = client.get("/api/v1/broadcasts/" + id).body();
        assertThat(resumed.get("planned").asLong()).as("killed mid-way").isLessThan(SUBSCRIBERS);
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                .until(() -> client.get("/api/v1/broadcasts/" + id).body().get("state").asString()
                        .matches("PLANNED|DONE"));

        JsonNode done = client.get("/api/v1/broadcasts/" + id).body();
        assertThat(done.get("total").asLong()).isEqualTo(SUBSCRIBERS);
        assertThat(done.get("planned").asLong()).isEqualTo(SUBSCRIBERS);
        assertThat(done.get("skipped").asLong()).isZero();
        List<String> reached = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = client.get("/api/v1/notifications?type=crash.news&limit=100"
                    + (cursor == null ? "" : "&cursor=" + cursor)).body();
            page.get("items").forEach(n -> n.get("deliveries").forEach(d -> reached.add(d.get("userId").asString())));
            cursor = page.hasNonNull("nextCursor") ? page.get("nextCursor").asString() : null;
        } while (cursor != null);
        assertThat(reached).as("one delivery per subscriber").hasSize(SUBSCRIBERS);
        assertThat(new HashSet<>(reached)).containsExactlyInAnyOrderElementsOf(users);
    }

    private HeraldProcess start(String run) {
        return HeraldProcess.start(run, dataDir, port, KEY, List.of(
                // Small chunks make the fan-out long enough to be killed in the middle of it; a short lease lets
                // the restarted process take the broadcast over soon after.
                "--herald.broadcasts.chunk-size=10",
                "--herald.broadcasts.lease=2s"));
    }
}
