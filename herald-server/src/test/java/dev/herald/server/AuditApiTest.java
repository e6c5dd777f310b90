package dev.herald.server;

import dev.herald.core.channel.DisabledEndpoints;
import dev.herald.core.model.TenantId;
import dev.herald.core.tenancy.ApiKeys;
import dev.herald.core.tenancy.IssuedKey;
import dev.herald.core.tenancy.Scope;
import dev.herald.jdbc.JdbcStores;
import dev.herald.server.HeraldClient.Answer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The audit log through the API: every change made through the existing endpoints records exactly one entry naming
 * the action, the target and the key's id, without the key, addresses, user ids or content; the list pages and
 * filters; a change that finds nothing records nothing.
 */
class AuditApiTest extends EmbeddedHeraldTest {
    private static final String BODY = "Hello {{name}}, Audit-Body-Marmot";
    private static final String SUBJECT = "Audit-Subject-Ibex";
    private static final String SLACK_TOKEN = "AuditSlackTokenTapir";
    private static final String HOOK_TOKEN = "AuditHookTokenDugong";

    @Autowired
    JdbcStores stores;
    @Autowired
    DisabledEndpoints disabledEndpoints;

    private String sfx;
    private TenantId tenant;
    private String adminSecret;
    private HeraldClient admin;
    private UUID adminKeyId;
    private String type;
    private String user;
    private String email;
    private String hookUrl;

    @BeforeEach
    void aTenantOfItsOwn() {
        sfx = UUID.randomUUID().toString().substring(0, 8);
        tenant = new TenantId("audit-" + sfx);
        stores.apiKeys().ensureTenant(tenant, "Audit");
        IssuedKey key = apiKeys.issue(tenant, "audit-admin", Set.of(Scope.ADMIN));
        adminSecret = key.secret();
        admin = herald.withKey(adminSecret);
        adminKeyId = key.key().id();
        type = "audit" + sfx + ".shipped";
        user = "Audit-User-Okapi-" + sfx;
        email = "audit-walrus-" + sfx + "@example.com";
        hookUrl = "https://hooks.example.com/" + sfx + "?token=" + HOOK_TOKEN;
    }

    /** One audited endpoint: what it needs first (which may record entries too), the call, and the entry's target. */
    record Case(String action, Function<AuditApiTest, Answer> setup, Function<AuditApiTest, Answer> change,
                Function<AuditApiTest, String> target, boolean operator) {
        @Override
        public String toString() {
            return action;
        }
    }

    static Stream<Case> everyAuditedEndpoint() {
        return Stream.of(
                new Case("type.created", t -> null, AuditApiTest::putType, t -> "type:" + t.type, false),
                new Case("type.updated", AuditApiTest::putType, t -> t.admin.put("/api/v1/types/" + t.type,
                        "{\"channels\":[\"SMS\"],\"recipientFields\":[\"userId\"]}"), t -> "type:" + t.type, false),
                new Case("type.deleted", AuditApiTest::putType, t -> t.admin.delete("/api/v1/types/" + t.type),
                        t -> "type:" + t.type, false),
                new Case("template.version-created", t -> null, AuditApiTest::putTemplate,
                        t -> "template:" + t.type + "/EMAIL/default", false),
                new Case("template.activated", t -> {
                    putTemplate(t);
                    return putTemplate(t);
                }, t -> t.admin.post("/api/v1/templates/" + t.type + "/EMAIL/default/versions/1/activate", ""),
                        t -> "template:" + t.type + "/EMAIL/default", false),
                new Case("preferences.updated", AuditApiTest::putUser, t -> t.admin.put("/api/v1/users/" + t.user
                        + "/preferences", "{\"optedOut\":[\"SMS\"],\"channelsByType\":{\"order.shipped\":[\"EMAIL\"]},"
                        + "\"quietHours\":{\"start\":\"22:00\",\"end\":\"07:00\"}}"), null, false),
                new Case("user.deleted", AuditApiTest::putUser, t -> t.admin.delete("/api/v1/users/" + t.user), null,
                        false),
                new Case("dlq.retried", AuditApiTest::deadLetter,
                        t -> t.admin.post("/api/v1/admin/dlq/" + t.deadLetter + "/retry", ""),
                        t -> "delivery:" + t.deadLetter, false),
                new Case("dlq.retried-all", AuditApiTest::deadLetter,
                        t -> t.admin.post("/api/v1/admin/dlq/retry-all", ""), t -> "dlq", false),
                new Case("dlq.discarded", AuditApiTest::deadLetter,
                        t -> t.admin.delete("/api/v1/admin/dlq/" + t.deadLetter), t -> "delivery:" + t.deadLetter,
                        false),
                new Case("integration.saved", t -> null, AuditApiTest::putIntegration,
                        t -> "integration:relay-" + t.sfx, false),
                new Case("integration.deleted", AuditApiTest::putIntegration,
                        t -> t.admin.delete("/api/v1/integrations/relay-" + t.sfx),
                        t -> "integration:relay-" + t.sfx, false),
                new Case("api-key.created", t -> null, t -> t.admin.post("/api/v1/api-keys",
                        "{\"name\":\"ci\",\"scopes\":[\"send\"]}"), null, false),
                new Case("api-key.revoked", t -> {
                    Answer made = t.admin.post("/api/v1/api-keys", "{\"name\":\"old\",\"scopes\":[\"read\"]}");
                    t.revocable = made.body().get("id").asString();
                    return made;
                }, t -> t.admin.delete("/api/v1/api-keys/" + t.revocable), t -> "api-key:" + t.revocable, false),
                new Case("tenant.created", t -> null, t -> t.herald.post("/api/v1/tenants",
                        "{\"id\":\"made-" + t.sfx + "\",\"name\":\"Made\"}"), t -> "tenant:made-" + t.sfx, true),
                new Case("tenant.updated", t -> t.herald.post("/api/v1/tenants",
                        "{\"id\":\"made-" + t.sfx + "\",\"name\":\"Made\"}"), t -> t.herald.send(t.herald.request(
                        "/api/v1/tenants/made-" + t.sfx, "Content-Type", "application/json").method("PATCH",
                        java.net.http.HttpRequest.BodyPublishers.ofString("{\"suspended\":true}"))),
                        t -> "tenant:made-" + t.sfx, true),
                new Case("tenant.deleted", t -> t.herald.post("/api/v1/tenants",
                        "{\"id\":\"made-" + t.sfx + "\",\"name\":\"Made\"}"),
                        t -> t.herald.delete("/api/v1/tenants/made-" + t.sfx), t -> "tenant:made-" + t.sfx, true),
                new Case("status-webhook.created", t -> null, AuditApiTest::postStatusWebhook, null, false),
                new Case("status-webhook.deleted", t -> {
                    Answer created = postStatusWebhook(t);
                    t.statusWebhookId = created.body().get("id").asString();
                    t.statusWebhookSecret = created.body().get("secret").asString();
                    return created;
                }, t -> t.admin.delete("/api/v1/status-webhooks/" + t.statusWebhookId),
                        t -> "status-webhook:" + t.statusWebhookId, false),
                new Case("notification.cancelled", t -> {
                    Answer sent = t.admin.post("/api/v1/notifications", "{\"type\":\"audit.cancel\","
                            + "\"recipients\":[{\"email\":\"" + t.email + "\"}],\"channels\":[\"EMAIL\"],"
                            + "\"sendAt\":\"" + Instant.now().plus(java.time.Duration.ofDays(1)) + "\","
                            + "\"content\":{\"body\":\"" + BODY + "\"}}");
                    t.scheduled = sent.body().get("id").asString();
                    return sent;
                }, t -> t.admin.delete("/api/v1/notifications/" + t.scheduled),
                        t -> "notification:" + t.scheduled, false),
                new Case("topic.created", t -> null, AuditApiTest::putTopic, t -> "topic:audit-news", false),
                new Case("topic.updated", AuditApiTest::putTopic, AuditApiTest::putTopic, t -> "topic:audit-news",
                        false),
                new Case("topic.deleted", AuditApiTest::putTopic, t -> t.admin.delete("/api/v1/topics/audit-news"),
                        t -> "topic:audit-news", false),
                // One entry for the whole change, with counts: never the user ids.
                new Case("topic.subscribers-changed", t -> {
                    putUser(t);
                    return putTopic(t);
                }, t -> t.admin.post("/api/v1/topics/audit-news/subscribers", "{\"add\":[\"" + t.user + "\"]}"),
                        t -> "topic:audit-news", false),
                new Case("broadcast.cancelled", t -> {
                    putTopic(t);
                    Answer sent = t.admin.post("/api/v1/notifications", "{\"type\":\"audit.news\","
                            + "\"topic\":\"audit-news\",\"channels\":[\"EMAIL\"],"
                            + "\"content\":{\"body\":\"" + BODY + "\"}}");
                    t.broadcast = sent.body().get("broadcastId").asString();
                    return sent;
                }, t -> t.admin.post("/api/v1/broadcasts/" + t.broadcast + "/cancel", ""),
                        t -> "broadcast:" + t.broadcast, false),
                new Case("stats.rebuilt", t -> null, t -> t.admin.post("/api/v1/admin/stats/rebuild", ""),
                        t -> "stats", false),
                // The address is personal data: the entry names it by a keyed hash only (checked below).
                new Case("suppression.added", t -> null, AuditApiTest::postSuppression, null, false),
                new Case("suppression.removed", AuditApiTest::postSuppression,
                        t -> t.admin.delete("/api/v1/suppressions/" + t.email), null, false),
                new Case("inbound.saved", t -> null, t -> t.admin.put("/api/v1/inbound/ses",
                        "{\"topicArns\":[\"arn:aws:sns:eu-west-1:123456789012:audit\"]}"), t -> "inbound:ses", false),
                new Case("inbound.deleted", t -> t.admin.put("/api/v1/inbound/ses",
                        "{\"topicArns\":[\"arn:aws:sns:eu-west-1:123456789012:audit\"]}"),
                        t -> t.admin.delete("/api/v1/inbound/ses"), t -> "inbound:ses", false),
                // The tenant has no key yet: the first rotation makes key 1, the second key 2, and 1 can then retire.
                new Case("signing-key.rotated", t -> null,
                        t -> t.admin.post("/api/v1/signing-keys/unsubscribe-link/rotate", ""),
                        t -> "signing-key:unsubscribe-link:1", false),
                new Case("signing-key.retired", t -> {
                    t.admin.post("/api/v1/signing-keys/user-token/rotate", "");
                    return t.admin.post("/api/v1/signing-keys/user-token/rotate", "");
                }, t -> t.admin.delete("/api/v1/signing-keys/user-token/1"), t -> "signing-key:user-token:1", false),
                // Disabled webhook endpoints are the operator's: the default tenant's admin key.
                new Case("webhook-endpoint.enabled", t -> {
                    t.disabledEndpoints.disable(t.hookUrl, "HTTP 410 Gone", Instant.now());
                    return null;
                }, t -> t.herald.post("/api/v1/admin/webhook-endpoints/enable", "{\"url\":\"" + t.hookUrl + "\"}"),
                        null, true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyAuditedEndpoint")
    void eachChangeRecordsExactlyOneEntryWithoutSecretsOrContent(Case c) {
        HeraldClient caller = c.operator() ? herald : admin;
        UUID keyId = c.operator() ? defaultAdminKeyId() : adminKeyId;
        Answer prepared = c.setup().apply(this);
        if (prepared != null) {
            assertThat(prepared.status()).as(prepared.text()).isLessThan(300);
        }
        Set<String> before = ids(entries(caller));

        Answer changed = c.change().apply(this);

        assertThat(changed.status()).as(changed.text()).isLessThan(300);
        List<JsonNode> added = entries(caller).stream().filter(e -> !before.contains(e.get("id").asString())).toList();
        assertThat(added).as("entries the change recorded").hasSize(1);
        JsonNode entry = added.getFirst();
        assertThat(entry.get("action").asString()).isEqualTo(c.action());
        assertThat(entry.get("keyId").asString()).isEqualTo(keyId.toString());
        assertThat(entry.get("tenant").asString()).isEqualTo(c.operator() ? "default" : tenant.value());
        assertThat(Instant.parse(entry.get("at").asString())).isBetween(Instant.now().minusSeconds(60), Instant.now());
        if (c.target() != null) {
            assertThat(entry.get("target").asString()).isEqualTo(c.target().apply(this));
        }
        assertThat(entry.toString()).doesNotContain(adminSecret, ADMIN_KEY, BODY, "Audit-Body", SUBJECT, SLACK_TOKEN,
                HOOK_TOKEN, hookUrl, email, user, "Okapi", RELAY_PASSWORD, statusWebhookSecret);
    }

    private static final String RELAY_PASSWORD = "relay-password-Narwhal";
    private String revocable;
    private String scheduled;

    @Test
    void theOperatorSeesEveryTenantsEntriesAndATenantOnlyItsOwn() {
        putType(this);
        String entryOfTenant = entries(admin).getFirst().get("id").asString();

        List<JsonNode> operatorView = entries(herald);
        assertThat(operatorView).anySatisfy(e -> {
            assertThat(e.get("id").asString()).isEqualTo(entryOfTenant);
            assertThat(e.get("tenant").asString()).isEqualTo(tenant.value());
        });
        // Acting for the tenant narrows the operator's view to it.
        JsonNode actingFor = herald.send(herald.request("/api/v1/audit?limit=200", "Herald-Tenant", tenant.value()))
                .body().get("items");
        actingFor.forEach(e -> assertThat(e.get("tenant").asString()).isEqualTo(tenant.value()));
        assertThat(entries(admin)).allSatisfy(e -> assertThat(e.get("tenant").asString()).isEqualTo(tenant.value()));
    }

    private String statusWebhookId;
    private String statusWebhookSecret = "whsec_never-issued";

    /** A status webhook whose URL carries the receiver's token: the entry may name its host only. */
    private static Answer postStatusWebhook(AuditApiTest t) {
        return t.admin.post("/api/v1/status-webhooks", "{\"url\":\"" + t.hookUrl + "\",\"statuses\":[\"FAILED\"]}");
    }

    private static Answer postSuppression(AuditApiTest t) {
        return t.admin.post("/api/v1/suppressions", "{\"address\":\"" + t.email + "\",\"reason\":\"MANUAL\"}");
    }

    private static Answer putIntegration(AuditApiTest t) {
        return t.admin.put("/api/v1/integrations/relay-" + t.sfx, "{\"kind\":\"smtp\",\"settings\":{\"host\":"
                + "\"127.0.0.1\",\"port\":2525,\"username\":\"u\",\"password\":\"" + RELAY_PASSWORD + "\"}}");
    }

    @Test
    void anIntegrationEntryNamesTheCredentialsHeldNotTheirValues() {
        assertThat(putIntegration(this).status()).isEqualTo(201);

        assertThat(entries(admin).getFirst().get("summary").asString())
                .isEqualTo("kind=smtp, channels=[EMAIL], order=0, credentials=[password], created=true");
    }

    @Test
    void aTemplateEntrySaysWhichVersionAndPartsButNotTheirText() {
        putTemplate(this);
        putTemplate(this);

        JsonNode newest = entries(admin).getFirst();
        assertThat(newest.get("summary").asString()).isEqualTo("version=2, subject=true, html=false");
    }

    @Test
    void aPreferenceEntrySaysWhatWasToggledUnderAPseudonymThatStaysTheSame() {
        assertThat(putUser(this).status()).isEqualTo(201);
        admin.put("/api/v1/users/" + user + "/preferences", "{\"optedOut\":[\"SMS\",\"PUSH\"]}");
        admin.put("/api/v1/users/" + user + "/preferences",
                "{\"optedOut\":[\"SMS\",\"EMAIL\"],\"channelsByType\":{\"order.shipped\":[\"EMAIL\"]}}");

        List<JsonNode> entries = entries(admin);
        assertThat(entries.getFirst().get("summary").asString())
                .isEqualTo("optedOut=[EMAIL], optedIn=[PUSH], typesChanged=[order.shipped]");
        assertThat(entries.get(1).get("summary").asString()).isEqualTo("optedOut=[SMS, PUSH]");
        assertThat(entries.getFirst().get("target").asString()).startsWith("user:")
                .isEqualTo(entries.get(1).get("target").asString());
    }

    @Test
    void aTypeEntryNamesTheFixedRecipientsChannelsOnly() {
        putType(this);

        assertThat(entries(admin).getFirst().get("summary").asString()).isEqualTo(
                "channels=[EMAIL, SLACK], priority=NORMAL, critical=false, recipientFields=[userId], "
                        + "fixedRecipients=[SLACK]");
    }

    @Test
    void aSendKeyPassingOnAUsersOwnChoiceIsNotAudited() {
        putUser(this);
        HeraldClient send = herald.withKey(apiKeys.issue(tenant, "audit-send", Set.of(Scope.SEND)).secret());

        assertThat(send.put("/api/v1/users/" + user + "/preferences", "{\"optedOut\":[\"SMS\"]}").status())
                .isEqualTo(200);

        assertThat(entries(admin)).isEmpty();
    }

    @Test
    void aChangeThatFindsNothingRecordsNothing() {
        assertThat(admin.delete("/api/v1/types/" + type).status()).isEqualTo(404);
        assertThat(admin.delete("/api/v1/users/" + user).status()).isEqualTo(404);
        assertThat(admin.post("/api/v1/templates/" + type + "/EMAIL/default/versions/3/activate", "").status())
                .isEqualTo(404);
        assertThat(admin.delete("/api/v1/admin/dlq/" + UUID.randomUUID()).status()).isEqualTo(404);
        assertThat(admin.post("/api/v1/admin/dlq/" + UUID.randomUUID() + "/retry", "").status()).isEqualTo(404);
        assertThat(admin.post("/api/v1/admin/dlq/retry-all", "").body().get("replayed").asInt()).isZero();

        assertThat(entries(admin)).isEmpty();
    }

    @Test
    void enablingAnEndpointThatWasNotDisabledRecordsNothing() {
        Set<String> before = ids(entries(herald));

        Answer enabled = herald.post("/api/v1/admin/webhook-endpoints/enable", "{\"url\":\"" + hookUrl + "\"}");

        assertThat(enabled.body().get("wasDisabled").asBoolean()).isFalse();
        assertThat(ids(entries(herald))).isEqualTo(before);
    }

    @Test
    void entriesPageNewestFirstAndFilterByActionAndTime() {
        List<String> made = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            assertThat(admin.put("/api/v1/types/" + type, "{\"channels\":[\"EMAIL\"],\"priority\":\""
                    + (i % 2 == 0 ? "HIGH" : "LOW") + "\"}").status()).isIn(200, 201);
            made.add(entries(admin).getFirst().get("id").asString());
        }

        List<String> paged = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonNode page = admin.get("/api/v1/audit?limit=2" + (cursor == null ? "" : "&cursor=" + cursor)).body();
            page.get("items").forEach(e -> paged.add(e.get("id").asString()));
            cursor = page.hasNonNull("nextCursor") ? page.get("nextCursor").asString() : null;
            pages++;
        } while (cursor != null);
        assertThat(pages).isEqualTo(3);
        assertThat(paged).containsExactlyElementsOf(made.reversed());

        assertThat(admin.get("/api/v1/audit?action=type.created").body().get("items").findValuesAsString("id"))
                .containsExactly(made.getFirst());
        assertThat(admin.get("/api/v1/audit?action=type.updated").body().get("items")).hasSize(4);
        List<JsonNode> all = entries(admin);
        String third = all.get(2).get("at").asString();
        String fourth = all.get(1).get("at").asString();
        assertThat(admin.get("/api/v1/audit?from=" + third + "&to=" + fourth).body().get("items")
                .findValuesAsString("at")).isNotEmpty().allSatisfy(at -> assertThat(Instant.parse(at))
                .isBetween(Instant.parse(third), Instant.parse(fourth)).isNotEqualTo(Instant.parse(fourth)));
        assertThat(admin.get("/api/v1/audit?to=" + Instant.now().minus(Duration.ofDays(1))).body().get("items"))
                .isEmpty();
    }

    @Test
    void readingTheLogNeedsAdminScope() {
        HeraldClient read = herald.withKey(apiKeys.issue(tenant, "audit-read", Set.of(Scope.READ, Scope.SEND))
                .secret());

        assertThat(read.get("/api/v1/audit").status()).isEqualTo(403);
    }

    private static Answer putType(AuditApiTest t) {
        return t.admin.put("/api/v1/types/" + t.type, """
                {"channels":["EMAIL","SLACK"],"recipientFields":["userId"],
                 "fixedRecipients":{"slack":"https://hooks.slack.com/services/T/B/%s"}}""".formatted(SLACK_TOKEN));
    }

    private static Answer putTemplate(AuditApiTest t) {
        return t.admin.put("/api/v1/templates/" + t.type + "/EMAIL/default", """
                {"subject":"%s","text":"%s"}""".formatted(SUBJECT, BODY));
    }

    private String broadcast;

    private static Answer putTopic(AuditApiTest t) {
        return t.admin.put("/api/v1/topics/audit-news", "{\"name\":\"News\"}");
    }

    private static Answer putUser(AuditApiTest t) {
        return t.admin.put("/api/v1/users/" + t.user, "{\"email\":\"" + t.email + "\"}");
    }

    private String deadLetter;

    /** A delivery of this tenant made DEAD directly: how one gets there is DeadLetterApiTest's. */
    private static Answer deadLetter(AuditApiTest t) {
        Answer sent = t.admin.post("/api/v1/notifications", """
                {"type":"%s","recipients":[{"email":"%s"}],"channels":["EMAIL"],"content":{"body":"later"},
                 "sendAt":"%s"}""".formatted(t.type, t.email, Instant.now().plus(Duration.ofDays(1))));
        assertThat(sent.status()).as(sent.text()).isEqualTo(202);
        String notification = sent.body().get("id").asString();
        t.deadLetter = sent.body().get("deliveries").get(0).get("id").asString();
        t.jdbc.update("UPDATE delivery SET status = 'DEAD', due_at = NULL WHERE id = ?", UUID.fromString(t.deadLetter));
        t.jdbc.update("INSERT INTO dead_letter (delivery_id, tenant_id, notification_id, type, channel, lane, died_at)"
                        + " VALUES (?, ?, ?, ?, 'EMAIL', 'NORMAL', CURRENT_TIMESTAMP)",
                UUID.fromString(t.deadLetter), t.tenant.value(), UUID.fromString(notification), t.type);
        return null;
    }

    private UUID defaultAdminKeyId() {
        return stores.apiKeys().findByHash(ApiKeys.hash(ADMIN_KEY)).orElseThrow().key().id();
    }

    private static List<JsonNode> entries(HeraldClient caller) {
        Answer answer = caller.get("/api/v1/audit?limit=200");
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        List<JsonNode> items = new ArrayList<>();
        answer.body().get("items").forEach(items::add);
        return items;
    }

    private static Set<String> ids(List<JsonNode> entries) {
        Set<String> ids = new HashSet<>();
        entries.forEach(e -> ids.add(e.get("id").asString()));
        return ids;
    }
}
