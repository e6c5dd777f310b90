package dev.herald.server;

import dev.herald.core.model.TenantId;
import dev.herald.core.tenancy.ApiKeys;
import dev.herald.server.HeraldClient.Answer;
import dev.herald.server.security.KeyUsage;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A tenant's admins issue, list and revoke its API keys; keys are shown once, recognisable, and can expire. */
class ApiKeyApiTest extends EmbeddedHeraldTest {
    @Autowired
    KeyUsage usage;

    /** A tenant of its own, made through the API, and its admin. */
    private HeraldClient newTenantAdmin() {
        String id = "keys-" + UUID.randomUUID().toString().substring(0, 8);
        Answer created = herald.post("/api/v1/tenants", "{\"id\":\"%s\",\"name\":\"Keys\"}".formatted(id));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return herald.withKey(created.body().get("adminKey").get("key").asString());
    }

    private static Answer issue(HeraldClient as, String body) {
        return as.post("/api/v1/api-keys", body);
    }

    @Test
    void anAdminIssuesAKeyThatIsShownOnceAndListedByPrefix() {
        HeraldClient admin = newTenantAdmin();

        Answer issued = issue(admin, "{\"name\":\"billing service\",\"scopes\":[\"send\",\"read\"]}");

        assertThat(issued.status()).as(issued.text()).isEqualTo(201);
        String key = issued.body().get("key").asString();
        assertThat(key).startsWith("hk_live_").hasSizeGreaterThan(40);
        assertThat(issued.body().get("prefix").asString()).isEqualTo(key.substring(0, 12));
        JsonNode listed = admin.get("/api/v1/api-keys").body().get("items");
        JsonNode billing = null;
        for (JsonNode item : listed) {
            if (item.get("id").asString().equals(issued.body().get("id").asString())) {
                billing = item;
            }
        }
        assertThat(billing).isNotNull();
        assertThat(billing.get("name").asString()).isEqualTo("billing service");
        assertThat(billing.get("prefix").asString()).isEqualTo(key.substring(0, 12));
        assertThat(billing.get("scopes").toString()).isEqualTo("[\"send\",\"read\"]");
        assertThat(billing.has("createdAt")).isTrue();
        // Answers leave out what is not set: this key does not expire.
        assertThat(billing.has("expiresAt")).isFalse();
        // Never the key or its hash, for any key in the list.
        String text = admin.get("/api/v1/api-keys").text();
        assertThat(text).doesNotContain(key).doesNotContain(ApiKeys.hash(key)).doesNotContain("keyHash");

        HeraldClient service = herald.withKey(key);
        assertThat(service.get("/api/v1/notifications?userId=nobody").status()).isEqualTo(200);
        assertThat(service.get("/api/v1/api-keys").status()).isEqualTo(403);
    }

    @Test
    void aSendKeyCannotManageKeys() {
        HeraldClient admin = newTenantAdmin();
        HeraldClient sender = herald.withKey(issue(admin, "{\"name\":\"s\",\"scopes\":[\"send\"]}").body().get("key")
                .asString());
        String adminKeyId = admin.get("/api/v1/api-keys").body().get("items").get(0).get("id").asString();

        assertThat(issue(sender, "{\"name\":\"more\",\"scopes\":[\"send\"]}").status()).isEqualTo(403);
        assertThat(sender.get("/api/v1/api-keys").status()).isEqualTo(403);
        Answer revoke = sender.delete("/api/v1/api-keys/" + adminKeyId);
        assertThat(revoke.status()).isEqualTo(403);
        assertThat(revoke.contentType()).startsWith("application/problem+json");
        assertThat(admin.get("/api/v1/api-keys").status()).isEqualTo(200);
    }

    @Test
    void aRevokedKeyIsRefusedAndLeavesTheList() {
        HeraldClient admin = newTenantAdmin();
        Answer issued = issue(admin, "{\"name\":\"leaked\",\"scopes\":[\"read\"]}");
        HeraldClient leaked = herald.withKey(issued.body().get("key").asString());
        assertThat(leaked.get("/api/v1/types").status()).isEqualTo(200);

        assertThat(admin.delete("/api/v1/api-keys/" + issued.body().get("id").asString()).status()).isEqualTo(204);

        await().atMost(Duration.ofSeconds(2)).until(() -> leaked.get("/api/v1/types").status() == 401);
        assertThat(admin.get("/api/v1/api-keys").body().get("items").findValuesAsString("name"))
                .doesNotContain("leaked");
        assertThat(admin.delete("/api/v1/api-keys/" + issued.body().get("id").asString()).status()).isEqualTo(404);
    }

    @Test
    void rotationMakesTheNewKeyThenRevokesTheOld() {
        HeraldClient admin = newTenantAdmin();
        String oldId = admin.get("/api/v1/api-keys").body().get("items").get(0).get("id").asString();
        HeraldClient rotated = herald.withKey(issue(admin, "{\"name\":\"admin 2\",\"scopes\":[\"admin\"]}").body()
                .get("key").asString());

        assertThat(rotated.delete("/api/v1/api-keys/" + oldId).status()).isEqualTo(204);

        await().atMost(Duration.ofSeconds(2)).until(() -> admin.get("/api/v1/api-keys").status() == 401);
        assertThat(rotated.get("/api/v1/api-keys").body().get("items").findValuesAsString("name"))
                .containsExactly("admin 2");
    }

    @Test
    void anExpiredKeyIsRefused() {
        HeraldClient admin = newTenantAdmin();
        Answer issued = issue(admin, "{\"name\":\"temp\",\"scopes\":[\"read\"],\"expiresAt\":\"%s\"}"
                .formatted(Instant.now().plusSeconds(2)));
        assertThat(issued.status()).as(issued.text()).isEqualTo(201);
        HeraldClient temp = herald.withKey(issued.body().get("key").asString());
        assertThat(temp.get("/api/v1/types").status()).isEqualTo(200);

        // Cached by then: the expiry is checked on every use, not only when the key is looked up.
        await().atMost(Duration.ofSeconds(10)).until(() -> temp.get("/api/v1/types").status() == 401);
        assertThat(temp.get("/api/v1/types").body().get("detail").asString()).contains("expired");
    }

    @Test
    void aKeyCannotOutliveTheKeyThatMadeIt() {
        HeraldClient admin = newTenantAdmin();
        Instant soon = Instant.now().plus(Duration.ofDays(1));
        HeraldClient shortLived = herald.withKey(issue(admin, """
                {"name":"contractor","scopes":["admin"],"expiresAt":"%s"}""".formatted(soon)).body().get("key")
                .asString());

        Answer later = issue(shortLived, """
                {"name":"forever","scopes":["send"],"expiresAt":"%s"}""".formatted(soon.plus(Duration.ofDays(1))));
        Answer inherited = issue(shortLived, "{\"name\":\"inherits\",\"scopes\":[\"send\"]}");

        assertThat(later.status()).isEqualTo(400);
        assertThat(later.body().get("errors").findValuesAsString("rule")).containsExactly("exceeds-own");
        assertThat(inherited.status()).isEqualTo(201);
        assertThat(Instant.parse(inherited.body().get("expiresAt").asString()))
                .isEqualTo(soon.truncatedTo(ChronoUnit.MICROS));
    }

    @Test
    void lastUsedAtIsWrittenInBatches() {
        HeraldClient admin = newTenantAdmin();
        Answer issued = issue(admin, "{\"name\":\"used\",\"scopes\":[\"read\"]}");
        String id = issued.body().get("id").asString();
        Instant before = Instant.now().minusSeconds(1);
        herald.withKey(issued.body().get("key").asString()).get("/api/v1/types");

        usage.flush();

        JsonNode listed = admin.get("/api/v1/api-keys").body().get("items");
        for (JsonNode item : listed) {
            if (item.get("id").asString().equals(id)) {
                assertThat(Instant.parse(item.get("lastUsedAt").asString())).isAfter(before);
            }
        }
        assertThat(listed.findValuesAsString("id")).contains(id);
    }

    @Test
    void keysIssuedBeforeTheLivePrefixStillWork() {
        // The test profile's configured admin key is an old-style 'hk_' key; so is this one, stored as before.
        TenantId tenant = new TenantId("legacy-" + UUID.randomUUID().toString().substring(0, 8));
        jdbc.update("INSERT INTO tenant (id, name, created_at) VALUES (?, 'Legacy', CURRENT_TIMESTAMP)",
                tenant.value());
        String old = "hk_" + UUID.randomUUID().toString().replace("-", "") + "0123";
        jdbc.update("INSERT INTO api_key (id, tenant_id, name, key_hash, scopes, created_at) "
                        + "VALUES (?, ?, 'old', ?, 'READ', CURRENT_TIMESTAMP)",
                UUID.randomUUID(), tenant.value(), ApiKeys.hash(old));

        assertThat(herald.withKey(old).get("/api/v1/types").status()).isEqualTo(200);
        assertThat(herald.get("/api/v1/types").status()).isEqualTo(200);
    }

    @Test
    void theConfiguredKeyIsRotatedThroughItsSettingNotTheApi() {
        JsonNode configured = null;
        for (JsonNode item : herald.get("/api/v1/api-keys").body().get("items")) {
            if (item.get("origin").asString().equals("configured")) {
                configured = item;
            }
        }
        assertThat(configured).isNotNull();
        assertThat(configured.get("prefix").asString()).isEqualTo(ADMIN_KEY.substring(0, 7));

        Answer revoke = herald.delete("/api/v1/api-keys/" + configured.get("id").asString());

        assertThat(revoke.status()).isEqualTo(409);
        assertThat(revoke.body().get("errors").findValuesAsString("rule")).containsExactly("configured");
        assertThat(herald.get("/api/v1/api-keys").status()).isEqualTo(200);
    }

    @Test
    void theOperatorManagesAnotherTenantsKeysWithTheTenantHeader() {
        HeraldClient admin = newTenantAdmin();
        String tenantId = tenantOf(admin);

        Answer made = herald.post("/api/v1/api-keys", "{\"name\":\"by operator\",\"scopes\":[\"send\"]}",
                "Herald-Tenant", tenantId);

        assertThat(made.status()).isEqualTo(201);
        assertThat(admin.get("/api/v1/api-keys").body().get("items").findValuesAsString("name"))
                .contains("by operator");
        assertThat(herald.get("/api/v1/api-keys").body().get("items").findValuesAsString("name"))
                .doesNotContain("by operator");
        // A tenant's admin cannot use the header, and an unknown tenant is not found.
        assertThat(admin.post("/api/v1/api-keys", "{\"name\":\"x\",\"scopes\":[\"send\"]}", "Herald-Tenant",
                "default").status()).isEqualTo(403);
        Answer unknown = herald.post("/api/v1/api-keys", "{\"name\":\"x\",\"scopes\":[\"send\"]}",
                "Herald-Tenant", "no-such-tenant");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.contentType()).startsWith("application/problem+json");
    }

    private String tenantOf(HeraldClient admin) {
        return jdbc.queryForObject("SELECT tenant_id FROM api_key WHERE id = ?", String.class,
                UUID.fromString(admin.get("/api/v1/api-keys").body().get("items").get(0).get("id").asString()));
    }

    @Test
    void keysAreIssuedForTheTenantOfTheKeyThatAsks() {
        HeraldClient a = newTenantAdmin();
        HeraldClient b = newTenantAdmin();
        issue(a, "{\"name\":\"a-only\",\"scopes\":[\"read\"]}");

        assertThat(b.get("/api/v1/api-keys").body().get("items").findValuesAsString("name"))
                .doesNotContain("a-only");
        String aKey = a.get("/api/v1/api-keys").body().get("items").get(1).get("id").asString();
        assertThat(b.delete("/api/v1/api-keys/" + aKey).status()).isEqualTo(404);
        assertThat(a.get("/api/v1/api-keys").body().get("items").findValuesAsString("id")).contains(aKey);
    }

    @Test
    void anUnknownScopeIsRefusedAndNothingIsIssued() {
        HeraldClient admin = newTenantAdmin();

        Answer bad = issue(admin, "{\"name\":\"x\",\"scopes\":[\"send\",\"root\"]}");

        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body().get("errors").findValuesAsString("field")).containsExactly("scopes[1]");
        assertThat(bad.body().get("errors").findValuesAsString("rule")).containsExactly("one-of");
        assertThat(admin.get("/api/v1/api-keys").body().get("items")).hasSize(1);
    }
}
