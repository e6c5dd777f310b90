package dev.herald.server;

import dev.herald.core.model.TenantId;
import dev.herald.server.HeraldClient.Answer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every endpoint that takes an id or lists something, called with tenant B's admin key on tenant A's data: each
 * answers 404, an empty list, or a 4xx that shows nothing of A (403 for the operator's endpoints: tenants and the
 * webhook endpoints), and afterwards A reads all its data back unchanged. Tenant B is made through the API.
 */
class TenantIsolationTest extends EmbeddedHeraldTest {
    @org.springframework.beans.factory.annotation.Autowired
    dev.herald.core.deadletter.EventDeadLetters eventDeadLetters;
    private static final Duration PATIENCE = Duration.ofSeconds(10);

    // Tenant A is the default tenant (the operator's key); tenant B is created through the API, as an operator would.
    private HeraldClient b;
    private String tenantB;
    private String aKeyId;
    private String sfx;
    private String ann;
    private String type;
    private String annToken;

    @BeforeEach
    void twoTenants() {
        sfx = UUID.randomUUID().toString().substring(0, 8);
        tenantB = "iso-" + sfx;
        Answer created = herald.post("/api/v1/tenants", "{\"id\":\"%s\",\"name\":\"Tenant B\"}".formatted(tenantB));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        b = herald.withKey(created.body().get("adminKey").get("key").asString());
        aKeyId = herald.post("/api/v1/api-keys", "{\"name\":\"a-reader-%s\",\"scopes\":[\"read\"]}".formatted(sfx))
                .body().get("id").asString();
        ann = "ann-" + sfx;
        type = "iso" + sfx + ".alert";

        assertThat(herald.put("/api/v1/users/" + ann, """
                {"email":"%s@example.com","phone":"+821012345678"}""".formatted(ann)).status()).isEqualTo(201);
        assertThat(herald.post("/api/v1/users/" + ann + "/devices", """
                {"platform":"fcm","token":"tok-%s"}""".formatted(sfx)).status()).isEqualTo(201);
        assertThat(herald.put("/api/v1/users/" + ann + "/preferences", """
                {"optedOut":["SMS"]}""").status()).isEqualTo(200);
        assertThat(herald.put("/api/v1/types/" + type, """
                {"channels":["EMAIL"],"recipientFields":["userId"],"dedupWindow":"PT10M"}""").status())
                .isEqualTo(201);
        for (String text : new String[]{"v1 {{name}}", "v2 {{name}}"}) {
            assertThat(herald.put("/api/v1/templates/" + type + "/EMAIL/default", """
                    {"subject":"secret of A","text":"%s"}""".formatted(text)).status()).isEqualTo(201);
        }
        annToken = herald.post("/api/v1/users/" + ann + "/inbox-token", "").body().get("token").asString();
    }

    private String send(HeraldClient as, String body, String... headers) {
        Answer answer = as.post("/api/v1/notifications", body, headers);
        assertThat(answer.status()).as(answer.raw().body()).isIn(200, 202);
        return answer.body().get("id").asString();
    }

    private String scheduledEmail() {
        return send(herald, """
                {"type":"%s","recipients":["%s"],"channels":["EMAIL"],"content":{"body":"later"},
                 "sendAt":"%s"}""".formatted(type, ann, Instant.now().plus(Duration.ofDays(1))));
    }

    /** A's delivery made DEAD directly: how it gets there is DeadLetterApiTest's; here only its scoping counts. */
    private String deadLetter() {
        String notification = scheduledEmail();
        String delivery = herald.get("/api/v1/notifications/" + notification).body().get("deliveries").get(0)
                .get("id").asString();
        jdbc.update("UPDATE delivery SET status = 'DEAD', due_at = NULL WHERE id = ?", UUID.fromString(delivery));
        jdbc.update("INSERT INTO dead_letter (delivery_id, tenant_id, notification_id, type, channel, lane, died_at)"
                        + " VALUES (?, 'default', ?, ?, 'EMAIL', 'NORMAL', CURRENT_TIMESTAMP)",
                UUID.fromString(delivery), UUID.fromString(notification), type);
        return delivery;
    }

    private static void assertNotFound(Answer answer) {
        assertThat(answer.status()).as(answer.raw().body()).isEqualTo(404);
        assertThat(answer.contentType()).startsWith("application/problem+json");
    }

    @Test
    void anotherTenantsKeyFindsNothingOfAAndChangesNothing() {
        String scheduled = scheduledEmail();
        String dead = deadLetter();
        // A repeat to the same phone inside the type's dedup window: A has one suppressed SMS in its stats.
        String sms = """
                {"type":"%s","recipients":[{"phone":"+821099990000"}],"channels":["SMS"],"content":{"body":"%s"}}"""
                .formatted(type, sfx);
        send(herald, sms, "Prefer", "wait=10");
        send(herald, sms, "Prefer", "wait=10");
        String inApp = send(herald, """
                {"type":"%s","recipients":["%s"],"channels":["IN_APP"],"content":{"title":"for ann","body":"x"}}"""
                .formatted(type, ann), "Prefer", "wait=10");
        String event = "evt-" + sfx;
        Answer published = herald.post("/api/v1/events", """
                {"eventId":"%s","type":"%s","data":{"userId":"%s","name":"Ann"}}""".formatted(event, type, ann));
        assertThat(published.status()).isEqualTo(202);
        String keyedByA = send(herald, """
                {"type":"%s","recipients":["%s"],"channels":["EMAIL"],"content":{"body":"keyed"}}"""
                .formatted(type, ann), "Idempotency-Key", "key-" + sfx);
        await().atMost(PATIENCE).until(() -> herald.get("/api/v1/admin/stats/dedup").body().get("suppressed")
                .path("SMS").asLong(0) >= 1);
        JsonNode annBefore = herald.get("/api/v1/users/" + ann).body();
        JsonNode typeBefore = herald.get("/api/v1/types/" + type).body();

        // Notifications: get, list by user, cancel.
        assertNotFound(b.get("/api/v1/notifications/" + scheduled));
        assertThat(b.get("/api/v1/notifications?userId=" + ann).body().get("items")).isEmpty();
        assertThat(herald.get("/api/v1/notifications?type=" + type).body().get("items").findValuesAsString("id"))
                .contains(scheduled);
        assertThat(b.get("/api/v1/notifications?type=" + type).body().get("items")).isEmpty();
        assertThat(b.get("/api/v1/notifications?limit=100").body().get("items").findValuesAsString("id"))
                .doesNotContain(scheduled, inApp, keyedByA);
        assertThat(b.get("/api/v1/notifications?status=SCHEDULED&channel=EMAIL").body().get("items")).isEmpty();
        assertNotFound(b.delete("/api/v1/notifications/" + scheduled));
        // The same idempotency key in B is B's own request, not a replay of A's notification.
        Answer keyed = b.post("/api/v1/notifications", """
                {"type":"other","recipients":[{"email":"b@example.com"}],"channels":["EMAIL"],"content":{"body":"b"}}""",
                "Idempotency-Key", "key-" + sfx);
        assertThat(keyed.status()).isEqualTo(202);
        assertThat(keyed.body().hasNonNull("replayed")).isFalse();
        assertThat(keyed.body().get("id").asString()).isNotEqualTo(keyedByA);

        // Users, devices, preferences, inbox token: A's user does not exist for B.
        assertNotFound(b.get("/api/v1/users/" + ann));
        assertNotFound(b.delete("/api/v1/users/" + ann));
        assertNotFound(b.get("/api/v1/users/" + ann + "/devices"));
        assertNotFound(b.delete("/api/v1/users/" + ann + "/devices/tok-" + sfx));
        assertNotFound(b.get("/api/v1/users/" + ann + "/preferences"));
        assertNotFound(b.put("/api/v1/users/" + ann + "/preferences", "{\"optedOut\":[\"EMAIL\"]}"));
        assertNotFound(b.post("/api/v1/users/" + ann + "/inbox-token", ""));

        // Types and templates.
        assertNotFound(b.get("/api/v1/types/" + type));
        assertThat(b.get("/api/v1/types").body().findValuesAsString("name")).doesNotContain(type);
        assertNotFound(b.delete("/api/v1/types/" + type));
        assertThat(b.get("/api/v1/templates/" + type + "/EMAIL/default/versions").body()).isEmpty();
        assertNotFound(b.post("/api/v1/templates/" + type + "/EMAIL/default/versions/1/activate", ""));
        Answer preview = b.post("/api/v1/templates/preview", """
                {"type":"%s","channel":"EMAIL","data":{"name":"x"}}""".formatted(type));
        assertThat(preview.status()).isEqualTo(422);
        assertThat(preview.raw().body()).doesNotContain("secret of A", "v2");

        // Topics and broadcasts: A's topic, its subscribers and its broadcast do not exist for B.
        String topic = "iso-news-" + sfx;
        assertThat(herald.put("/api/v1/topics/" + topic, "{\"name\":\"A's news\"}").status()).isEqualTo(201);
        assertThat(herald.post("/api/v1/topics/" + topic + "/subscribers", "{\"add\":[\"" + ann + "\"]}")
                .status()).isEqualTo(200);
        String broadcast = herald.post("/api/v1/notifications", """
                {"type":"%s","topic":"%s","channels":["EMAIL"],"content":{"body":"to A's topic"},
                 "sendAt":"%s"}""".formatted(type, topic, java.time.Instant.now().plus(Duration.ofDays(1))))
                .body().get("broadcastId").asString();
        assertNotFound(b.get("/api/v1/topics/" + topic));
        assertThat(b.get("/api/v1/topics").body().findValuesAsString("key")).doesNotContain(topic);
        assertNotFound(b.get("/api/v1/topics/" + topic + "/subscribers"));
        assertNotFound(b.delete("/api/v1/topics/" + topic));
        assertNotFound(b.post("/api/v1/topics/" + topic + "/subscribers", "{\"remove\":[\"" + ann + "\"]}"));
        assertNotFound(b.get("/api/v1/broadcasts/" + broadcast));
        assertNotFound(b.post("/api/v1/broadcasts/" + broadcast + "/cancel", ""));
        assertThat(b.get("/api/v1/broadcasts").body().get("broadcasts")).isEmpty();
        Answer toATopic = b.post("/api/v1/notifications", """
                {"type":"other","topic":"%s","channels":["EMAIL"],"content":{"body":"b"}}""".formatted(topic));
        assertThat(toATopic.status()).isEqualTo(400);
        assertThat(toATopic.raw().body()).contains("unknown-topic");
        assertThat(herald.get("/api/v1/topics/" + topic + "/subscribers").body().get("subscribers").get(0)
                .asString()).isEqualTo(ann);
        assertThat(herald.get("/api/v1/broadcasts/" + broadcast).body().get("state").asString())
                .isNotEqualTo("CANCELLING");

        // Dead letters.
        assertThat(b.get("/api/v1/admin/dlq").body().get("items")).isEmpty();
        assertNotFound(b.post("/api/v1/admin/dlq/" + dead + "/retry", ""));
        assertThat(b.post("/api/v1/admin/dlq/retry-all", "").body().get("replayed").asInt()).isZero();
        assertNotFound(b.delete("/api/v1/admin/dlq/" + dead));

        // Sandbox, stats, events.
        assertThat(b.get("/api/v1/sandbox/messages").body().get("items")).isEmpty();
        assertThat(b.get("/api/v1/sandbox/messages?to=%2B821099990000").body().get("items")).isEmpty();
        assertThat(b.get("/api/v1/admin/stats/dedup").body().get("suppressed").isEmpty()).isTrue();
        assertThat(herald.get("/api/v1/dashboard/delivery").body().findValuesAsString("type")).contains(type);
        assertThat(b.get("/api/v1/dashboard/delivery").body().findValuesAsString("type")).doesNotContain(type);
        assertThat(b.get("/api/v1/dashboard/delivery?type=" + type).body().get("rows")).isEmpty();
        assertThat(b.get("/api/v1/dashboard/billing").body().findValuesAsString("channel")).doesNotContain("SMS");
        assertThat(b.get("/api/v1/dashboard/delivery/channels").body().findValuesAsString("channel"))
                .doesNotContain("SMS");
        assertThat(b.get("/api/v1/dashboard/lanes").body().get("lanes")).hasSize(4);
        // A's delivery that failed at intake (a user without an email address) is in A's failure list only.
        String phoneOnly = "pho-" + sfx;
        assertThat(herald.put("/api/v1/users/" + phoneOnly, "{\"phone\":\"+821012340000\"}").status())
                .isEqualTo(201);
        String failedNotification = send(herald, """
                {"type":"%s","recipients":["%s"],"channels":["EMAIL"],"content":{"body":"x"}}"""
                .formatted(type, phoneOnly));
        assertThat(herald.get("/api/v1/dashboard/delivery/failures").body().get("items")
                .findValuesAsString("notificationId")).contains(failedNotification);
        assertThat(b.get("/api/v1/dashboard/delivery/failures").body().get("items")).isEmpty();
        // A's broadcast is planned in the background and adds to A's counts when it is: wait for that, so the
        // comparison below sees only what B's rebuild did.
        await().atMost(Duration.ofSeconds(20)).until(() -> !herald.get("/api/v1/broadcasts/" + broadcast).body()
                .get("state").asString().equals("PLANNING"));
        JsonNode aDashboard = herald.get("/api/v1/dashboard/delivery").body();
        JsonNode aBill = herald.get("/api/v1/dashboard/billing").body();
        assertThat(b.post("/api/v1/admin/stats/rebuild", "").status()).isEqualTo(200);
        assertThat(herald.get("/api/v1/dashboard/delivery").body()).isEqualTo(aDashboard);
        assertThat(herald.get("/api/v1/dashboard/billing").body()).isEqualTo(aBill);
        Answer replayedEvent = b.post("/api/v1/events", """
                {"eventId":"%s","type":"%s","data":{"userId":"%s"}}""".formatted(event, type, ann));
        assertThat(replayedEvent.status()).isEqualTo(422);
        assertThat(replayedEvent.raw().body()).contains("unknown-type");

        // Webhook endpoints: the operator's (default tenant) only, since disabled URLs are not kept per tenant.
        assertThat(b.get("/api/v1/admin/webhook-endpoints/disabled").status()).isEqualTo(403);
        assertThat(b.post("/api/v1/admin/webhook-endpoints/enable", "{\"url\":\"https://x.example.com\"}")
                .status()).isEqualTo(403);

        // API keys and tenants: B's admin sees and revokes only B's keys, reads only its own tenant, manages none.
        List<String> aKeys = herald.get("/api/v1/api-keys").body().get("items").findValuesAsString("id");
        assertThat(b.get("/api/v1/api-keys").body().get("items").findValuesAsString("id")).doesNotContain(aKeyId)
                .hasSize(1);
        assertNotFound(b.delete("/api/v1/api-keys/" + aKeyId));
        assertNotFound(b.get("/api/v1/tenants/" + TenantId.DEFAULT_VALUE));
        assertThat(b.get("/api/v1/tenants/" + tenantB).body().get("id").asString()).isEqualTo(tenantB);
        assertThat(b.get("/api/v1/tenants").status()).isEqualTo(403);
        assertThat(b.post("/api/v1/tenants", "{\"id\":\"x-%s\",\"name\":\"x\"}".formatted(sfx)).status())
                .isEqualTo(403);
        assertThat(b.patch("/api/v1/tenants/" + TenantId.DEFAULT_VALUE, "{\"name\":\"taken\"}").status())
                .isEqualTo(403);
        assertThat(b.delete("/api/v1/tenants/" + tenantB).status()).isEqualTo(403);
        // Only the operator's key may act for another tenant.
        assertThat(b.get("/api/v1/users/" + ann, "Herald-Tenant", TenantId.DEFAULT_VALUE).status()).isEqualTo(403);
        assertThat(herald.get("/api/v1/users/" + ann, "Herald-Tenant", tenantB).status()).isEqualTo(404);

        // B writing the same ids makes B's own records, beside A's.
        assertThat(b.put("/api/v1/types/" + type, "{\"channels\":[\"SMS\"],\"recipientFields\":[\"userId\"]}")
                .status()).isEqualTo(201);
        assertThat(b.put("/api/v1/users/" + ann, "{\"email\":\"b-ann@example.com\"}").status()).isEqualTo(201);
        // A's event id in B is B's own event, not a replay of A's notification.
        Answer bEvent = b.post("/api/v1/events", """
                {"eventId":"%s","type":"%s","data":{"userId":"%s"}}""".formatted(event, type, ann));
        assertThat(bEvent.status()).isEqualTo(202);
        assertThat(bEvent.body().get("id").asString()).isNotEqualTo(published.body().get("id").asString());
        assertThat(b.get("/api/v1/users/" + ann + "/devices").body()).isEmpty();
        assertThat(b.get("/api/v1/users/" + ann + "/preferences").body().get("optedOut")).isEmpty();
        String bToken = b.post("/api/v1/users/" + ann + "/inbox-token", "").body().get("token").asString();
        HeraldClient bBrowser = herald.withKey(bToken);
        assertThat(bBrowser.get("/api/v1/inbox").body().get("messages")).isEmpty();
        String annMessage = herald.withKey(annToken).get("/api/v1/inbox").body().get("messages").get(0).get("id")
                .asString();
        assertNotFound(bBrowser.post("/api/v1/inbox/" + annMessage + "/read", ""));
        assertNotFound(bBrowser.post("/api/v1/inbox/" + annMessage + "/archive", ""));
        assertThat(bBrowser.post("/api/v1/inbox/read-all", "").status()).isLessThan(300);
        assertThat(b.delete("/api/v1/users/" + ann).status()).isEqualTo(204);
        assertThat(b.delete("/api/v1/types/" + type).status()).isEqualTo(204);

        // A reads everything back unchanged.
        assertThat(herald.get("/api/v1/api-keys").body().get("items").findValuesAsString("id")).isEqualTo(aKeys)
                .contains(aKeyId);
        assertThat(herald.get("/api/v1/tenants/" + TenantId.DEFAULT_VALUE).body().get("name").asString())
                .isNotEqualTo("taken");
        assertThat(herald.get("/api/v1/users/" + ann).body()).isEqualTo(annBefore);
        assertThat(herald.get("/api/v1/users/" + ann + "/devices").body().findValuesAsString("token"))
                .containsExactly("tok-" + sfx);
        assertThat(herald.get("/api/v1/users/" + ann + "/preferences").body().get("optedOut").get(0).asString())
                .isEqualTo("SMS");
        assertThat(herald.get("/api/v1/types/" + type).body()).isEqualTo(typeBefore);
        JsonNode versions = herald.get("/api/v1/templates/" + type + "/EMAIL/default/versions").body();
        assertThat(versions).hasSize(2);
        assertThat(versions.findValuesAsString("text")).containsExactlyInAnyOrder("v1 {{name}}", "v2 {{name}}");
        assertThat(herald.post("/api/v1/templates/preview", """
                {"type":"%s","channel":"EMAIL","data":{"name":"Ann"}}""".formatted(type)).body().get("text")
                .asString()).isEqualTo("v2 Ann");
        assertThat(herald.get("/api/v1/notifications/" + scheduled).body().get("deliveries").get(0).get("status")
                .asString()).isEqualTo("SCHEDULED");
        assertThat(herald.get("/api/v1/admin/dlq").body().get("items").findValuesAsString("deliveryId"))
                .contains(dead);
        assertThat(herald.get("/api/v1/notifications?userId=" + ann).body().get("items")).isNotEmpty();
        JsonNode inbox = herald.withKey(annToken).get("/api/v1/inbox").body();
        assertThat(inbox.get("messages").findValuesAsString("notificationId")).contains(inApp);
        assertThat(inbox.get("unread").asLong()).isEqualTo(1);
        assertThat(herald.get("/api/v1/admin/stats/dedup").body().get("suppressed").get("SMS").asLong())
                .isGreaterThanOrEqualTo(1);
    }

    @Test
    void anotherTenantsAuditLogShowsNoneOfAsChanges() {
        // A's changes in twoTenants (user, preferences, type, templates) are in A's log.
        JsonNode aLog = herald.get("/api/v1/audit?limit=200").body();
        assertThat(aLog.get("items").findValuesAsString("target")).contains("type:" + type);
        String aEntry = aLog.get("items").get(0).get("id").asString();

        assertThat(b.get("/api/v1/audit").body().get("items")).isEmpty();
        assertThat(b.get("/api/v1/audit?cursor=" + aEntry).body().get("items")).isEmpty();
        assertThat(b.get("/api/v1/audit?action=type.created").body().get("items")).isEmpty();

        // B's own change is B's alone.
        assertThat(b.put("/api/v1/types/" + type, "{\"channels\":[\"SMS\"]}").status()).isEqualTo(201);
        JsonNode bLog = b.get("/api/v1/audit").body().get("items");
        assertThat(bLog).hasSize(1);
        assertThat(bLog.get(0).get("tenant").asString()).isEqualTo("iso-" + sfx);
        // A here is the operator, whose log spans every tenant by design: B's entry is there, named as B's.
        assertThat(herald.get("/api/v1/audit?limit=200").body().get("items")).anySatisfy(e -> {
            assertThat(e.get("id").asString()).isEqualTo(bLog.get(0).get("id").asString());
            assertThat(e.get("tenant").asString()).isEqualTo("iso-" + sfx);
        });
    }

    @Test
    void anotherTenantsKeyCannotReachAsIntegrations() {
        String name = "iso-relay-" + sfx;
        // A's own relay is the installation's GreenMail under another name, so A's mail still arrives meanwhile.
        assertThat(herald.put("/api/v1/integrations/" + name, """
                {"kind":"smtp","settings":{"host":"127.0.0.1","port":%d,"password":"secret-of-A"},"order":1}"""
                .formatted(greenMail.getSmtp().getPort())).status()).isEqualTo(201);
        try {
            JsonNode before = herald.get("/api/v1/integrations/" + name).body();

            assertNotFound(b.get("/api/v1/integrations/" + name));
            assertThat(b.get("/api/v1/integrations").body().findValuesAsString("name")).doesNotContain(name);
            assertNotFound(b.delete("/api/v1/integrations/" + name));
            assertNotFound(b.post("/api/v1/integrations/" + name + "/test", "{\"address\":\"b@example.com\"}"));
            // B putting the same name makes B's own integration, beside A's.
            assertThat(b.put("/api/v1/integrations/" + name, """
                    {"kind":"smtp","settings":{"host":"127.0.0.1","port":1,"password":"secret-of-B"}}""").status())
                    .isEqualTo(201);
            assertThat(b.delete("/api/v1/integrations/" + name).status()).isEqualTo(204);

            assertThat(herald.get("/api/v1/integrations/" + name).body()).isEqualTo(before);
        } finally {
            herald.delete("/api/v1/integrations/" + name);
        }
    }

    @Test
    void anotherTenantsKeyCannotSeeReplayOrDiscardAsSetAsideEventRecords() {
        // A record from a Kafka topic bound to tenant A, set aside as poison (as the consumer stores it).
        java.util.UUID id = eventDeadLetters.setAside(new dev.herald.core.deadletter.NewEventDeadLetter(
                java.util.UUID.randomUUID(), dev.herald.core.model.TenantId.defaultTenant(), "iso.orders." + sfx, 0, 7,
                null, "{\"id\":\"x\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8), java.util.Map.of(),
                "type (unknown-type): no type 'x'", 1, java.time.Instant.now()));
        try {
            assertThat(b.get("/api/v1/admin/dlq/events").body().get("items").findValuesAsString("id"))
                    .doesNotContain(id.toString());
            assertNotFound(b.post("/api/v1/admin/dlq/events/" + id + "/retry", ""));
            assertNotFound(b.delete("/api/v1/admin/dlq/events/" + id));
            assertThat(herald.get("/api/v1/admin/dlq/events").body().get("items").findValuesAsString("id"))
                    .contains(id.toString());
        } finally {
            herald.delete("/api/v1/admin/dlq/events/" + id);
        }
    }

    @Test
    void anotherTenantsKeyCannotSeeNorLiftAsSuppressionsAndTheyDoNotSuppressItsMail() {
        String address = "shared-" + sfx + "@example.com";
        assertThat(herald.post("/api/v1/suppressions", "{\"address\":\"" + address + "\"}").status())
                .isEqualTo(201);
        try {
            assertThat(b.get("/api/v1/suppressions").body().get("items").findValuesAsString("address"))
                    .doesNotContain(address);
            assertThat(b.get("/api/v1/suppressions?address=" + address).body().get("items").size()).isZero();
            assertNotFound(b.delete("/api/v1/suppressions/" + address));
            Answer bSends = b.post("/api/v1/notifications", """
                    {"type":"%s","recipients":[{"email":"%s"}],"channels":["EMAIL"],"content":{"body":"x"}}"""
                    .formatted(type, address));
            assertThat(bSends.body().get("deliveries").get(0).get("status").asString()).isEqualTo("QUEUED");
            Answer aSends = herald.post("/api/v1/notifications", """
                    {"type":"%s","recipients":[{"email":"%s"}],"channels":["EMAIL"],"content":{"body":"x"}}"""
                    .formatted(type, address));
            assertThat(aSends.body().get("deliveries").get(0).get("status").asString()).isEqualTo("SUPPRESSED");
            assertThat(herald.get("/api/v1/suppressions?address=" + address).body().get("items").size())
                    .isEqualTo(1);
        } finally {
            herald.delete("/api/v1/suppressions/" + address);
        }
    }

    @Test
    void anotherTenantsKeyCannotSeeNorChangeAsProviderEventSettingsNorUseThem() {
        String aTopic = "arn:aws:sns:eu-west-1:123456789012:iso-a-" + sfx;
        String bTopic = "arn:aws:sns:eu-west-1:123456789012:iso-b-" + sfx;
        assertThat(herald.put("/api/v1/inbound/ses", "{\"topicArns\":[\"" + aTopic + "\"]}").status())
                .isEqualTo(200);
        try {
            JsonNode before = herald.get("/api/v1/inbound/ses").body();

            assertThat(b.get("/api/v1/inbound/ses").body().get("topicArns").toString()).doesNotContain(aTopic);
            assertNotFound(b.delete("/api/v1/inbound/ses"));
            // B setting its own makes B's, beside A's.
            assertThat(b.put("/api/v1/inbound/ses", "{\"topicArns\":[\"" + bTopic + "\"]}").body()
                    .get("topicArns").toString()).contains(bTopic).doesNotContain(aTopic);
            assertThat(b.delete("/api/v1/inbound/ses").status()).isEqualTo(204);

            assertThat(herald.get("/api/v1/inbound/ses").body()).isEqualTo(before);
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM tenant_inbound WHERE tenant_id = ?", Long.class,
                    "iso-" + sfx)).isZero();
        } finally {
            herald.delete("/api/v1/inbound/ses");
        }
    }

    @Test
    void anotherTenantsKeyCannotReachAsStatusWebhooksNorGetItsEvents() {
        Answer created = herald.post("/api/v1/status-webhooks", """
                {"url":"https://hooks.example.com/a-%s","types":["%s"]}""".formatted(sfx, type));
        assertThat(created.status()).isEqualTo(201);
        String id = created.body().get("id").asString();
        try {
            JsonNode before = herald.get("/api/v1/status-webhooks/" + id).body();

            assertNotFound(b.get("/api/v1/status-webhooks/" + id));
            assertNotFound(b.delete("/api/v1/status-webhooks/" + id));
            assertThat(b.get("/api/v1/status-webhooks").body().findValuesAsString("id")).doesNotContain(id);
            // B's deliveries of the same type never become calls to A's endpoint.
            assertThat(b.post("/api/v1/notifications", """
                    {"type":"%s","recipients":[{"email":"b@example.com"}],"channels":["EMAIL"],"content":{"body":"x"}}"""
                    .formatted(type)).status()).isLessThan(300);
            // Polled on this thread: a condition thread interrupted mid-query would close H2's file.
            await().pollInSameThread().atMost(PATIENCE).until(() -> jdbc.queryForObject(
                    "SELECT COUNT(*) FROM status_outbox WHERE tenant_id = ?", Long.class, "iso-" + sfx) == 0);
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM status_webhook_delivery WHERE endpoint_id = ?",
                    Long.class, UUID.fromString(id))).isZero();

            assertThat(herald.get("/api/v1/status-webhooks/" + id).body()).isEqualTo(before);
        } finally {
            herald.delete("/api/v1/status-webhooks/" + id);
        }
    }
}
