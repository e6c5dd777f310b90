package dev.herald.server;

import dev.herald.core.model.TenantId;
import dev.herald.core.tenancy.ApiKeys;
import dev.herald.core.tenancy.Scope;
import dev.herald.jdbc.JdbcStores;
import dev.herald.server.HeraldClient.Answer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

import java.sql.Timestamp;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Per-type settings in configuration (Slack webhooks, dedup windows, expiry, digests) are the operator's, i.e. the
 * default tenant's: another tenant's notification of a type with the same name follows its own types and the
 * global defaults, and never posts to the operator's Slack channel.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class TenantScopedConfigurationTest {
    private static final String OPS_HOOK = "https://hooks.slack.com/services/T000/B000/OPS";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry r) {
        r.add("herald.data-dir", () -> "target/test-data/tenant-config-" + UUID.randomUUID());
        r.add("herald.dedup.window", () -> "0s");
        r.add("herald.channels.slack.webhooks-by-type.[ops.alert]", () -> OPS_HOOK);
        r.add("herald.dedup.window-by-type.[ops.alert]", () -> "10m");
        r.add("herald.expiry.by-type.[ops.alert]", () -> "5m");
        r.add("herald.digest.types.[ops.alert]", () -> "1h");
        // One SMS per user and hour; over it a message waits, except the default tenant's ops.alert, which drops.
        r.add("herald.limits.per-user.sms.max", () -> "1");
        r.add("herald.limits.per-user.sms.per", () -> "1h");
        r.add("herald.limits.per-user.sms.policy", () -> "defer");
        r.add("herald.limits.per-user.sms.policy-by-type.[ops.alert]", () -> "drop");
    }

    @LocalServerPort
    int port;
    @Autowired
    ApiKeys apiKeys;
    @Autowired
    JdbcStores stores;
    @Autowired
    JdbcTemplate jdbc;

    private HeraldClient a;
    private HeraldClient b;
    private String sfx;

    @BeforeEach
    void twoTenants() {
        a = new HeraldClient(port, EmbeddedHeraldTest.ADMIN_KEY);
        sfx = UUID.randomUUID().toString().substring(0, 8);
        TenantId other = new TenantId("cfg-" + sfx);
        stores.apiKeys().ensureTenant(other, "Tenant B");
        b = a.withKey(apiKeys.issue(other, "b-admin", Set.of(Scope.ADMIN)).secret());
    }

    private static JsonNode send(HeraldClient as, String body) {
        Answer answer = as.post("/api/v1/notifications", body, "Prefer", "wait=10");
        assertThat(answer.status()).as(answer.raw().body()).isIn(200, 202);
        return answer.body();
    }

    private JsonNode detail(HeraldClient as, JsonNode summary) {
        return as.get("/api/v1/notifications/" + summary.get("id").asString()).body().get("deliveries").get(0);
    }

    @Test
    void theOperatorsSlackWebhookForATypeIsNotUsedByAnotherTenant() {
        String ops = """
                {"type":"ops.alert","recipients":[{"email":"x@example.com"}],"channels":["SLACK"],
                 "content":{"body":"disk full %s"}}""".formatted(sfx);

        assertThat(detail(a, send(a, ops)).get("address").asString()).isEqualTo(OPS_HOOK);

        JsonNode other = detail(b, send(b, ops));
        assertThat(other.hasNonNull("address")).isFalse();
        assertThat(other.get("status").asString()).isEqualTo("FAILED");
        assertThat(b.get("/api/v1/sandbox/messages?channel=SLACK").body().get("items")).isEmpty();
    }

    @Test
    void theConfiguredDedupWindowAndExpiryOfATypeApplyToTheDefaultTenantOnly() {
        String sms = """
                {"type":"ops.alert","recipients":[{"phone":"+821055550000"}],"channels":["SMS"],
                 "content":{"body":"code %s"}}""".formatted(sfx);

        send(a, sms);
        assertThat(detail(a, send(a, sms)).get("status").asString()).isEqualTo("SUPPRESSED");
        JsonNode first = send(b, sms);
        JsonNode second = send(b, sms);
        assertThat(detail(b, second).get("status").asString()).isEqualTo("SENT");

        assertThat(expiresAt(send(a, sms))).isNotNull();
        assertThat(expiresAt(first)).isNull();
    }

    @Test
    void theConfiguredDigestOfATypeAppliesToTheDefaultTenantOnly() {
        String user = "dana-" + sfx;
        for (HeraldClient tenant : new HeraldClient[]{a, b}) {
            assertThat(tenant.put("/api/v1/users/" + user, "{\"email\":\"dana@example.com\"}").status())
                    .isEqualTo(201);
        }
        String low = """
                {"type":"ops.alert","recipients":["%s"],"channels":["EMAIL"],"priority":"LOW",
                 "content":{"body":"liked"}}""".formatted(user);

        // Not waited for: a digest item stays SCHEDULED until its hour closes.
        assertThat(a.post("/api/v1/notifications", low).body().get("deliveries").get(0).get("status").asString())
                .isEqualTo("SCHEDULED");
        assertThat(detail(b, send(b, low)).get("status").asString()).isEqualTo("SENT");
    }

    @Test
    void theConfiguredLimitPolicyOfATypeAppliesToTheDefaultTenantOnly() {
        String user = "lim-" + sfx;
        for (HeraldClient tenant : new HeraldClient[]{a, b}) {
            assertThat(tenant.put("/api/v1/users/" + user, "{\"phone\":\"+821077770000\"}").status())
                    .isEqualTo(201);
        }
        String first = """
                {"type":"ops.alert","recipients":["%s"],"channels":["SMS"],"content":{"body":"one"}}""".formatted(user);
        String second = first.replace("one", "two");

        send(a, first);
        assertThat(detail(a, send(a, second)).get("status").asString()).isEqualTo("SUPPRESSED");

        send(b, first);
        JsonNode deferred = b.post("/api/v1/notifications", second).body();
        await().atMost(Duration.ofSeconds(10)).until(() -> detail(b, deferred).path("lastError").asString("")
                .contains("limit"));
        assertThat(detail(b, deferred).get("status").asString()).isEqualTo("QUEUED");
    }

    private Timestamp expiresAt(JsonNode summary) {
        return jdbc.queryForObject("SELECT expires_at FROM delivery WHERE notification_id = ?", Timestamp.class,
                UUID.fromString(summary.get("id").asString()));
    }
}
