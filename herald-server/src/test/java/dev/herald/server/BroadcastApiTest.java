package dev.herald.server;

import dev.herald.core.broadcast.BroadcastStore;
import dev.herald.core.clock.SettableClock;
import dev.herald.core.dispatch.LaneSignals;
import dev.herald.core.fanout.BroadcastRunner;
import dev.herald.core.intake.BroadcastIntake;
import dev.herald.core.intake.BulkIntakeGate;
import dev.herald.core.model.PassingFailures;
import dev.herald.core.model.RetryThenSetAside;
import dev.herald.core.model.TenantId;
import dev.herald.core.notification.NotificationStore;
import dev.herald.core.recipients.User;
import dev.herald.core.tenancy.Scope;
import dev.herald.core.topics.TopicStore;
import dev.herald.jdbc.JdbcStores;
import dev.herald.server.HeraldClient.Answer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Topics and broadcasts through the API: subscribers managed in bulk, a notification to a topic answered at once
 * and fanned out in the background to every subscriber exactly once (preferences honoured, LOW lane), its progress,
 * idempotency, cancelling, and a fan-out taken over by another runner after the first stopped mid-way.
 */
class BroadcastApiTest extends EmbeddedHeraldTest {
    private static final int SUBSCRIBERS = 2_000;

    @Autowired
    JdbcStores stores;
    @Autowired
    BroadcastRunner runner;
    @Autowired
    BroadcastStore broadcasts;
    @Autowired
    TopicStore topics;
    @Autowired
    BroadcastIntake broadcastIntake;
    @Autowired
    NotificationStore notifications;
    @Autowired
    BulkIntakeGate gate;
    @Autowired
    LaneSignals signals;
    @Autowired
    Clock clock;

    private String sfx;
    private TenantId tenant;
    private HeraldClient admin;

    @BeforeEach
    void ownTenant() {
        sfx = UUID.randomUUID().toString().substring(0, 8);
        tenant = new TenantId("bc-" + sfx);
        stores.apiKeys().ensureTenant(tenant, "Broadcasts");
        admin = herald.withKey(apiKeys.issue(tenant, "bc-admin", Set.of(Scope.ADMIN)).secret());
    }

    /** Users made through the directory itself (2,000 API calls would only slow the test), subscribed via the API. */
    private List<String> subscribe(String topic, int count) {
        return subscribe(tenant, admin, topic, count);
    }

    private List<String> subscribe(TenantId tenant, HeraldClient admin, String topic, int count) {
        assertThat(admin.put("/api/v1/topics/" + topic, "{\"name\":\"News\"}").status()).isEqualTo(201);
        List<String> users = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String user = "u%05d-%s".formatted(i, sfx);
            stores.users().put(tenant, new User(user, user + "@example.com", null, null, null, Instant.now()));
            users.add(user);
        }
        for (int from = 0; from < count; from += 1_000) {
            Answer added = admin.post("/api/v1/topics/" + topic + "/subscribers", json(Map.of("add",
                    users.subList(from, Math.min(count, from + 1_000)))));
            assertThat(added.status()).as(added.text()).isEqualTo(200);
        }
        return users;
    }

    private static String json(Object value) {
        return tools.jackson.databind.json.JsonMapper.builder().build().writeValueAsString(value);
    }

    /** The broadcast's id from its acceptance, which must be a 202. */
    private static String broadcastId(Answer accepted) {
        assertThat(accepted.status()).as(accepted.text()).isEqualTo(202);
        return accepted.body().get("broadcastId").asString();
    }

    /** Sends the request (a notification to a topic) and answers the broadcast's id. */
    private static String broadcast(HeraldClient as, String request) {
        return broadcastId(as.post("/api/v1/notifications", request));
    }

    /** A request to send {@code body} to the topic on one channel: at once, or an hour from now. */
    private static String toTopic(String type, String topic, String channel, String body, boolean inAnHour) {
        Map<String, Object> request = new java.util.LinkedHashMap<>(Map.of("type", type, "topic", topic,
                "channels", List.of(channel), "content", Map.of("body", body)));
        if (inAnHour) {
            request.put("sendAt", Instant.now().plus(Duration.ofHours(1)).toString());
        }
        return json(request);
    }

    private void awaitDone(String id, Duration atMost) {
        await().atMost(atMost).pollInterval(Duration.ofMillis(250))
                .until(() -> progress(id).get("state").asString().equals("DONE"));
    }

    private JsonNode progress(String broadcastId) {
        return admin.get("/api/v1/broadcasts/" + broadcastId).body();
    }

    @Test
    void subscribersAreAddedRemovedAndPagedAndEachChangeIsAuditedOnceWithCounts() {
        List<String> users = subscribe("news", 5);

        Answer changed = admin.post("/api/v1/topics/news/subscribers", json(Map.of("add", List.of(users.get(0)),
                "remove", List.of(users.get(1), users.get(2)))));
        assertThat(changed.body().get("added").asInt()).isZero();
        assertThat(changed.body().get("removed").asInt()).isEqualTo(2);

        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = admin.get("/api/v1/topics/news/subscribers?limit=2"
                    + (cursor == null ? "" : "&cursor=" + cursor)).body();
            page.get("subscribers").forEach(s -> seen.add(s.asString()));
            cursor = page.hasNonNull("nextCursor") ? page.get("nextCursor").asString() : null;
        } while (cursor != null);
        assertThat(seen).containsExactly(users.get(0), users.get(3), users.get(4));
        JsonNode audit = admin.get("/api/v1/audit?action=topic.subscribers-changed").body().get("items");
        assertThat(audit).hasSize(2);
        assertThat(audit.get(0).get("summary").asString()).isEqualTo("added=0, removed=2");
        assertThat(admin.get("/api/v1/topics").body().findValuesAsString("key")).containsExactly("news");

        assertThat(admin.delete("/api/v1/topics/news").status()).isEqualTo(204);
        assertThat(admin.get("/api/v1/topics/news/subscribers").status()).isEqualTo(404);
        assertThat(admin.delete("/api/v1/topics/news").status()).isEqualTo(404);
    }

    @Test
    void aBroadcastReachesEverySubscriberExactlyOnceOnTheLowLaneHonouringPreferences() {
        List<String> users = subscribe("launch", SUBSCRIBERS);
        String optedOut = users.get(7);
        assertThat(admin.put("/api/v1/users/" + optedOut + "/preferences", "{\"optedOut\":[\"IN_APP\"]}").status())
                .isEqualTo(200);
        String type = "bc" + sfx + ".launch";

        Answer accepted = admin.post("/api/v1/notifications", """
                {"type":"%s","topic":"launch","channels":["IN_APP"],"content":{"title":"New","body":"It is here"}}"""
                .formatted(type));

        String id = broadcastId(accepted);
        assertThat(accepted.header("Location")).isEqualTo("/api/v1/broadcasts/" + id);
        awaitDone(id, Duration.ofSeconds(90));
        JsonNode done = progress(id);
        assertThat(done.get("total").asLong()).isEqualTo(SUBSCRIBERS);
        assertThat(done.get("planned").asLong()).isEqualTo(SUBSCRIBERS);
        assertThat(done.get("sent").asLong()).isEqualTo(SUBSCRIBERS - 1);
        assertThat(done.get("suppressed").asLong()).isEqualTo(1);
        assertThat(done.get("failed").asLong()).isZero();
        assertThat(done.get("pending").asLong()).isZero();
        // Exactly one notification per subscriber, each with its one delivery on the LOW lane.
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM delivery WHERE tenant_id = ? AND type = ?", Long.class,
                tenant.value(), type)).isEqualTo(SUBSCRIBERS);
        assertThat(jdbc.queryForObject("SELECT COUNT(DISTINCT user_id) FROM delivery WHERE tenant_id = ? AND type = ?",
                Long.class, tenant.value(), type)).isEqualTo(SUBSCRIBERS);
        assertThat(jdbc.queryForList("SELECT DISTINCT lane FROM delivery WHERE tenant_id = ? AND type = ?",
                String.class, tenant.value(), type)).containsExactly("LOW");
        assertThat(jdbc.queryForObject("SELECT status FROM delivery WHERE tenant_id = ? AND type = ? AND user_id = ?",
                String.class, tenant.value(), type, optedOut)).isEqualTo("SUPPRESSED");
        assertThat(admin.get("/api/v1/broadcasts").body().get("broadcasts").findValuesAsString("id"))
                .containsExactly(id);
    }

    @Test
    void aSubscriberWhoseAddressIsOnTheSuppressionListIsSuppressedNamingTheEntry() {
        List<String> users = subscribe("digest", 3);
        String bounced = users.get(1);
        Answer listed = admin.post("/api/v1/suppressions",
                "{\"address\":\"" + bounced + "@example.com\",\"reason\":\"HARD_BOUNCE\"}");
        assertThat(listed.status()).as(listed.text()).isEqualTo(201);
        String type = "bc" + sfx + ".digest";

        String id = broadcast(admin, """
                {"type":"%s","topic":"digest","channels":["EMAIL"],"content":{"title":"Weekly","body":"News"}}"""
                .formatted(type));

        awaitDone(id, Duration.ofSeconds(60));
        assertThat(progress(id).get("suppressed").asLong()).isEqualTo(1);
        Map<String, Object> row = jdbc.queryForMap("SELECT status, last_error FROM delivery WHERE tenant_id = ?"
                + " AND type = ? AND user_id = ?", tenant.value(), type, bounced);
        assertThat(row.get("status")).isEqualTo("SUPPRESSED");
        assertThat((String) row.get("last_error")).contains("suppression list").contains("HARD_BOUNCE");
    }

    @Test
    void aBroadcastOfAWorkflowTypeRunsTheStepsForEachSubscriber() {
        List<String> users = subscribe("replies", 3);
        String type = "bc" + sfx + ".reply";
        assertThat(admin.put("/api/v1/types/" + type, """
                {"steps":[{"send":"IN_APP"},{"wait":"PT15M","until":"READ"},{"send":"EMAIL","unless":"READ"}]}""")
                .status()).isIn(200, 201);

        String id = broadcast(admin, """
                {"type":"%s","topic":"replies","content":{"title":"New reply","body":"Someone answered"}}"""
                .formatted(type));

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .until(() -> progress(id).get("planned").asLong() == users.size());
        // The in-app message goes at once; the email waits for its step (held, no due time), not sent to everyone.
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).until(() ->
                jdbc.queryForObject("SELECT COUNT(*) FROM delivery WHERE tenant_id = ? AND type = ? AND channel ="
                        + " 'IN_APP' AND status = 'SENT'", Long.class, tenant.value(), type) == users.size());
        assertThat(jdbc.queryForList("SELECT status FROM delivery WHERE tenant_id = ? AND type = ? AND channel ="
                + " 'EMAIL'", String.class, tenant.value(), type)).hasSize(users.size()).containsOnly("SCHEDULED");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM workflow_step WHERE tenant_id = ? AND step_index = 1"
                + " AND state = 'DUE'", Long.class, tenant.value())).isEqualTo(users.size());
    }

    @Test
    void aRepeatedIdempotencyKeyAnswersTheSameBroadcastAndADifferentRequestWithItIsAConflict() {
        subscribe("digest", 3);
        String request = """
                {"type":"weekly.digest","topic":"digest","channels":["IN_APP"],"content":{"body":"This week"}}""";

        Answer first = admin.post("/api/v1/notifications", request, "Idempotency-Key", "week-1-" + sfx);
        Answer again = admin.post("/api/v1/notifications", request, "Idempotency-Key", "week-1-" + sfx);
        Answer other = admin.post("/api/v1/notifications", request.replace("This week", "Another"),
                "Idempotency-Key", "week-1-" + sfx);

        assertThat(again.status()).isEqualTo(202);
        assertThat(again.body().get("broadcastId").asString()).isEqualTo(first.body().get("broadcastId").asString());
        assertThat(again.body().get("replayed").asBoolean()).isTrue();
        assertThat(other.status()).isEqualTo(422);
        assertThat(admin.get("/api/v1/broadcasts").body().get("broadcasts")).hasSize(1);
    }

    @Test
    void aBroadcastRowThisVersionCannotReadIsAnsweredWithTheUnreadablePartsNamedNotA500() {
        subscribe("newer", 1);
        String id = broadcast(admin, toTopic("newer.news", "newer", "IN_APP", "soon", false));
        // A newer version's state and channel.
        jdbc.update("UPDATE broadcast SET state = 'PAUSED', channels = 'IN_APP,PIGEON' WHERE id = ?",
                UUID.fromString(id));

        Answer one = admin.get("/api/v1/broadcasts/" + id);
        Answer listed = admin.get("/api/v1/broadcasts");

        assertThat(one.status()).as(one.text()).isEqualTo(200);
        assertThat(one.body().get("state").asString()).isEqualTo("UNKNOWN");
        assertThat(one.body().get("unreadable").asString()).isEqualTo("channels, state");
        assertThat(listed.status()).as(listed.text()).isEqualTo(200);
        assertThat(listed.body().get("broadcasts").get(0).get("unreadable").asString()).isEqualTo("channels, state");
        assertThat(admin.post("/api/v1/broadcasts/" + id + "/cancel", "").status()).isLessThan(500);
    }

    @Test
    void aTopicDeletedWhileItsBroadcastIsPlannedStopsItAndSaysWhy() {
        subscribe("gone", 1_200);
        runner.stop();
        try {
            String id = broadcast(admin, toTopic("gone.news", "gone", "IN_APP", "soon", true));
            assertThat(runUntilOurs(id)).isEqualTo(BroadcastRunner.Round.PLANNED_CHUNK);
            assertThat(admin.delete("/api/v1/topics/gone").status()).isEqualTo(204);
            for (int round = 0; round < 20 && progress(id).get("state").asString().equals("PLANNING"); round++) {
                runner.runOnce();
            }

            JsonNode stopped = progress(id);
            assertThat(stopped.get("state").asString()).isEqualTo("STOPPED");
            assertThat(stopped.get("planned").asLong()).isEqualTo(500);
            assertThat(stopped.get("total").asLong()).isEqualTo(1_200);
            assertThat(stopped.get("stopReason").asString())
                    .isEqualTo("topic: was deleted while the broadcast was planned, after 500 subscribers");
        } finally {
            runner.start();
        }
    }

    @Test
    void cancellingStopsPlanningAndCancelsEveryDeliveryNotYetSent() {
        subscribe("sale", 1_200);
        runner.stop();
        try {
            String id = broadcast(admin, toTopic("flash.sale", "sale", "EMAIL", "50% off", true));
            // Two chunks of 500, then the caller cancels.
            assertThat(runUntilOurs(id)).isEqualTo(BroadcastRunner.Round.PLANNED_CHUNK);
            assertThat(runner.runOnce()).isEqualTo(BroadcastRunner.Round.PLANNED_CHUNK);
            assertThat(progress(id).get("planned").asLong()).isEqualTo(1_000);

            JsonNode cancelling = admin.post("/api/v1/broadcasts/" + id + "/cancel", "").body();
            assertThat(cancelling.get("state").asString()).isEqualTo("CANCELLING");
            while (!progress(id).get("state").asString().equals("CANCELLED")) {
                assertThat(runner.runOnce()).isIn(BroadcastRunner.Round.CANCELLED_BATCH,
                        BroadcastRunner.Round.FINISHED);
            }

            JsonNode cancelled = progress(id);
            assertThat(cancelled.get("planned").asLong()).isEqualTo(1_000);
            assertThat(cancelled.get("cancelled").asLong()).isEqualTo(1_000);
            assertThat(cancelled.get("pending").asLong()).isZero();
            assertThat(admin.post("/api/v1/broadcasts/" + id + "/cancel", "").body().get("state").asString())
                    .isEqualTo("CANCELLED");
            assertThat(admin.get("/api/v1/audit?action=broadcast.cancelled").body().get("items")).hasSize(1);
        } finally {
            runner.start();
        }
    }

    @Test
    void aRunnerThatStopsMidWayIsTakenOverWhereItsLastChunkEndedAndNobodyIsPlannedTwice() throws Exception {
        List<String> users = subscribe("resume", 1_300);
        runner.stop();
        try {
            BroadcastRunner.Settings oneSecond = new BroadcastRunner.Settings(500, Duration.ofSeconds(1),
                    Duration.ofMillis(50), 0, 200, RetryThenSetAside.defaults());
            BroadcastRunner first = new BroadcastRunner(broadcasts, topics, broadcastIntake, notifications, gate,
                    signals, clock, "first-" + sfx, oneSecond, PassingFailures.none());
            BroadcastRunner second = new BroadcastRunner(broadcasts, topics, broadcastIntake, notifications, gate,
                    signals, clock, "second-" + sfx, oneSecond, PassingFailures.none());
            String type = "bc" + sfx + ".resume";
            String id = broadcast(admin, toTopic(type, "resume", "IN_APP", "again", false));

            // The first runner plans one chunk and is gone without a word: its lease holds the broadcast a while.
            BroadcastRunner.Round round;
            do {
                round = first.runOnce();
            } while (progress(id).get("planned").asLong() == 0 && round != BroadcastRunner.Round.IDLE);
            assertThat(progress(id).get("planned").asLong()).isEqualTo(500);
            second.runOnce();
            assertThat(progress(id).get("planned").asLong()).as("held by the first runner's lease").isEqualTo(500);
            Thread.sleep(1_100);
            while (!progress(id).get("state").asString().matches("PLANNED|DONE")) {
                second.runOnce();
            }

            JsonNode done = progress(id);
            assertThat(done.get("planned").asLong()).isEqualTo(1_300);
            assertThat(done.get("total").asLong()).isEqualTo(1_300);
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM delivery WHERE tenant_id = ? AND type = ?",
                    Long.class, tenant.value(), type)).isEqualTo(1_300);
            assertThat(jdbc.queryForList("SELECT DISTINCT user_id FROM delivery WHERE tenant_id = ? AND type = ?",
                    String.class, tenant.value(), type)).containsExactlyInAnyOrderElementsOf(users);
            // The first runner coming back late writes nothing.
            assertThat(first.runOnce()).isEqualTo(BroadcastRunner.Round.IDLE);
        } finally {
            runner.start();
        }
    }

    @Test
    void whileUrgentNotificationsArriveTheRunnerPlansSmallerChunks() {
        subscribe("smaller", 1_300);
        runner.stop();
        try {
            SettableClock gateClock = new SettableClock(Instant.parse("2026-12-03T12:00:00Z"));
            BulkIntakeGate urgentAbout = new BulkIntakeGate(gateClock, Duration.ofMinutes(1), 1);
            BroadcastRunner smaller = new BroadcastRunner(broadcasts, topics, broadcastIntake, notifications,
                    urgentAbout, signals, clock, "smaller-" + sfx, new BroadcastRunner.Settings(500,
                    Duration.ofSeconds(30), Duration.ofMillis(20), 0, 200, RetryThenSetAside.defaults(), 200),
                    PassingFailures.none());
            String id = broadcast(admin, toTopic("bc" + sfx + ".smaller", "smaller", "IN_APP", "hi", false));

            urgentAbout.urgentArrived();
            assertThat(smaller.runOnce()).isEqualTo(BroadcastRunner.Round.PLANNED_CHUNK);
            assertThat(progress(id).get("planned").asLong()).isEqualTo(200);
            assertThat(smaller.runOnce()).isEqualTo(BroadcastRunner.Round.PLANNED_CHUNK);
            assertThat(progress(id).get("planned").asLong()).isEqualTo(400);

            gateClock.advance(Duration.ofMinutes(2));
            assertThat(smaller.runOnce()).isEqualTo(BroadcastRunner.Round.PLANNED_CHUNK);
            assertThat(progress(id).get("planned").asLong()).as("no urgent traffic: full chunks").isEqualTo(900);
            assertThat(smaller.runOnce()).isEqualTo(BroadcastRunner.Round.FINISHED);
            JsonNode done = progress(id);
            assertThat(done.get("planned").asLong()).isEqualTo(1_300);
            assertThat(jdbc.queryForObject("SELECT COUNT(DISTINCT user_id) FROM delivery WHERE tenant_id = ?"
                    + " AND type = ?", Long.class, tenant.value(), "bc" + sfx + ".smaller")).isEqualTo(1_300);
        } finally {
            runner.start();
        }
    }

    @Test
    void aBroadcastWhoseChunkFailsEveryTimeIsSetAsideWhileAnotherTenantsBroadcastFansOut() {
        TenantId otherTenant = new TenantId("bc2-" + sfx);
        stores.apiKeys().ensureTenant(otherTenant, "Other broadcasts");
        HeraldClient otherAdmin = herald.withKey(apiKeys.issue(otherTenant, "bc2-admin", Set.of(Scope.ADMIN)).secret());
        List<String> users = subscribe("poison", 3);
        subscribe(otherTenant, otherAdmin, "healthy", 1_200);
        runner.stop();
        BroadcastRunner isolated = new BroadcastRunner(broadcasts, topics, broadcastIntake, notifications, gate,
                signals, clock, "isolated-" + sfx, new BroadcastRunner.Settings(500, Duration.ofSeconds(30),
                Duration.ofMillis(20), 0, 200, new RetryThenSetAside(3, Duration.ofMillis(50), Duration.ofMillis(200))),
                PassingFailures.none());
        try {
            String poisoned = broadcast(admin, toTopic("bc" + sfx + ".poison", "poison", "IN_APP", "never", false));
            // The first subscriber already has a link in this broadcast: every write of its first chunk is refused
            // by the table's key, and rolled back whole, however often it is tried.
            jdbc.update("INSERT INTO broadcast_notification (tenant_id, broadcast_id, user_id, notification_id)"
                    + " VALUES (?, ?, ?, ?)", tenant.value(), UUID.fromString(poisoned), users.getFirst(),
                    UUID.randomUUID());
            String healthy = broadcast(otherAdmin, toTopic("bc" + sfx + ".healthy", "healthy", "IN_APP", "hello",
                    false));

            isolated.start();

            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                    .until(() -> otherAdmin.get("/api/v1/broadcasts/" + healthy).body().get("state").asString()
                            .matches("PLANNED|DONE"));
            assertThat(otherAdmin.get("/api/v1/broadcasts/" + healthy).body().get("planned").asLong())
                    .isEqualTo(1_200);
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                    .until(() -> progress(poisoned).get("state").asString().equals("FAILED"));
            JsonNode setAside = progress(poisoned);
            assertThat(setAside.get("stopReason").asString()).startsWith("set aside after 3 failed attempts: ")
                    .contains("Exception");
            assertThat(setAside.get("planned").asLong()).isZero();
            assertThat(jdbc.queryForObject("SELECT attempts FROM broadcast WHERE id = ?", Integer.class,
                    UUID.fromString(poisoned))).isEqualTo(3);
        } finally {
            isolated.stop();
            runner.start();
        }
    }

    /** Runs rounds until one works on the given broadcast (others' broadcasts from earlier tests may come first). */
    private BroadcastRunner.Round runUntilOurs(String id) {
        BroadcastRunner.Round round;
        do {
            round = runner.runOnce();
        } while (progress(id).get("planned").asLong() == 0 && round != BroadcastRunner.Round.IDLE);
        return round;
    }
}
