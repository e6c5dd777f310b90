package dev.herald.server;

import dev.herald.server.HeraldClient.Answer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The operator (the configured admin key, an admin key of the default tenant) makes, lists, renames, suspends and
 * removes tenants; a tenant's own admin manages its tenant only and reads nothing of others.
 */
class TenantApiTest extends EmbeddedHeraldTest {
    private String id;

    @BeforeEach
    void anId() {
        id = "t-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private Answer create(String tenantId) {
        return herald.post("/api/v1/tenants", "{\"id\":\"%s\",\"name\":\"Acme %s\"}".formatted(tenantId, tenantId));
    }

    private HeraldClient created(String tenantId) {
        Answer answer = create(tenantId);
        assertThat(answer.status()).as(answer.text()).isEqualTo(201);
        return herald.withKey(answer.body().get("adminKey").get("key").asString());
    }

    private static void assertProblem(Answer answer, int status) {
        assertThat(answer.status()).as(answer.text()).isEqualTo(status);
        assertThat(answer.contentType()).startsWith("application/problem+json");
    }

    @Test
    void theOperatorMakesATenantReadyToUseWithItsFirstAdminKey() {
        Answer answer = create(id);

        assertThat(answer.status()).isEqualTo(201);
        assertThat(answer.body().get("id").asString()).isEqualTo(id);
        assertThat(answer.body().get("suspended").asBoolean()).isFalse();
        JsonNode key = answer.body().get("adminKey");
        assertThat(key.get("key").asString()).startsWith("hk_live_");
        assertThat(key.get("prefix").asString()).isEqualTo(key.get("key").asString().substring(0, 12));
        HeraldClient admin = herald.withKey(key.get("key").asString());
        // The seed types and templates, as the default tenant got them at first start.
        assertThat(admin.get("/api/v1/types").body().findValuesAsString("name")).contains("order.shipped");
        assertThat(admin.get("/api/v1/templates/order.purchased/EMAIL/default/versions").body()).isNotEmpty();
        // Its secrets: inbox tokens work for its users from the start.
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM tenant_signing_key WHERE tenant_id = ?", Long.class, id))
                .isEqualTo(1);
        assertThat(admin.put("/api/v1/users/ann", "{\"email\":\"ann@example.com\"}").status()).isEqualTo(201);
        String token = admin.post("/api/v1/users/ann/inbox-token", "").body().get("token").asString();
        assertThat(herald.withKey(token).get("/api/v1/inbox").status()).isEqualTo(200);
        // The key is shown once: the tenant's key list never has it.
        assertThat(admin.get("/api/v1/api-keys").text()).doesNotContain(key.get("key").asString());
        assertThat(herald.get("/api/v1/tenants/" + id).body().get("name").asString()).isEqualTo("Acme " + id);
    }

    @Test
    void aTakenIdIsAConflict() {
        created(id);

        assertProblem(create(id), 409);
        assertProblem(create("default"), 409);
        assertThat(create(id).body().get("errors").findValuesAsString("rule")).containsExactly("taken");
    }

    @Test
    void theOperatorListsTenantsInPages() {
        created(id);
        assertThat(herald.get("/api/v1/tenants?limit=500").body().get("items").findValuesAsString("id"))
                .contains("default", id);

        Answer first = herald.get("/api/v1/tenants?limit=1");
        String cursor = first.body().get("nextCursor").asString();
        Answer second = herald.get("/api/v1/tenants?limit=1&cursor=" + cursor);

        assertThat(first.body().get("items")).hasSize(1);
        assertThat(second.body().get("items")).hasSize(1);
        assertThat(second.body().get("items").get(0).get("id").asString())
                .isGreaterThan(first.body().get("items").get(0).get("id").asString());
    }

    @Test
    void aTenantsAdminManagesItsOwnTenantOnly() {
        HeraldClient a = created(id);
        String other = id + "-b";
        created(other);
        HeraldClient sender = herald.withKey(a.post("/api/v1/api-keys", "{\"name\":\"s\",\"scopes\":[\"send\"]}")
                .body().get("key").asString());

        assertThat(a.get("/api/v1/tenants/" + id).body().get("id").asString()).isEqualTo(id);
        assertProblem(a.get("/api/v1/tenants/" + other), 404);
        assertProblem(a.get("/api/v1/tenants/default"), 404);
        assertProblem(a.post("/api/v1/tenants", "{\"id\":\"%s-c\",\"name\":\"C\"}".formatted(id)), 403);
        assertProblem(a.get("/api/v1/tenants"), 403);
        assertProblem(a.patch("/api/v1/tenants/" + id, "{\"suspended\":false}"), 403);
        assertProblem(a.patch("/api/v1/tenants/" + other, "{\"name\":\"mine now\"}"), 403);
        assertProblem(a.delete("/api/v1/tenants/" + other), 403);
        assertProblem(sender.get("/api/v1/tenants/" + id), 403);
        assertProblem(sender.post("/api/v1/tenants", "{\"id\":\"x\",\"name\":\"x\"}"), 403);
        assertProblem(herald.withKey(null).get("/api/v1/tenants"), 401);
        assertThat(herald.get("/api/v1/tenants/" + other).body().get("name").asString()).isEqualTo("Acme " + other);
        assertThat(rowsOf("tenant", id + "-c")).isZero();
    }

    @Test
    void aSuspendedTenantsKeysGet403UntilItIsResumed() {
        HeraldClient admin = created(id);
        assertThat(admin.get("/api/v1/types").status()).isEqualTo(200);

        Answer suspended = herald.patch("/api/v1/tenants/" + id, "{\"suspended\":true}");

        assertThat(suspended.status()).isEqualTo(200);
        assertThat(suspended.body().get("suspended").asBoolean()).isTrue();
        await().atMost(Duration.ofSeconds(2)).until(() -> admin.get("/api/v1/types").status() == 403);
        Answer refused = admin.get("/api/v1/types");
        assertProblem(refused, 403);
        assertThat(refused.body().get("type").asString()).endsWith("tenant-suspended");
        // The operator still acts for it (to look, or to resume it).
        assertThat(herald.get("/api/v1/types", "Herald-Tenant", id).status()).isEqualTo(200);

        assertThat(herald.patch("/api/v1/tenants/" + id, "{\"suspended\":false,\"name\":\"Back\"}").body()
                .get("name").asString()).isEqualTo("Back");
        // Every node reads the access version at most once a second; the bound leaves room for a loaded machine.
        await().atMost(Duration.ofSeconds(2)).until(() -> admin.get("/api/v1/types").status() == 200);
    }

    @Test
    void theDefaultTenantIsNeitherSuspendedNorRemoved() {
        assertProblem(herald.patch("/api/v1/tenants/default", "{\"suspended\":true}"), 409);
        assertProblem(herald.delete("/api/v1/tenants/default"), 409);
        assertThat(herald.get("/api/v1/tenants/default").body().get("suspended").asBoolean()).isFalse();
    }

    @Test
    void anEmptyTenantIsRemovedWithItsKeys() {
        HeraldClient admin = created(id);
        assertThat(admin.get("/api/v1/types").status()).isEqualTo(200);

        assertThat(herald.delete("/api/v1/tenants/" + id).status()).isEqualTo(204);

        assertProblem(herald.get("/api/v1/tenants/" + id), 404);
        await().atMost(Duration.ofSeconds(2)).until(() -> admin.get("/api/v1/types").status() == 401);
        assertThat(rowsOf("api_key", id)).isZero();
        assertThat(rowsOf("notification_type", id)).isZero();
        assertProblem(herald.delete("/api/v1/tenants/" + id), 404);
    }

    @Test
    void aTenantWithUsersIsNotRemoved() {
        HeraldClient admin = created(id);
        admin.put("/api/v1/users/ann", "{\"email\":\"ann@example.com\"}");

        Answer refused = herald.delete("/api/v1/tenants/" + id);

        assertProblem(refused, 409);
        assertThat(refused.body().get("errors").findValuesAsString("rule")).containsExactly("not-empty");
        assertThat(admin.get("/api/v1/users/ann").status()).isEqualTo(200);
    }

    @Test
    void unknownTenantsAreNotFound() {
        for (String path : List.of("no-such-tenant", "NOT%20AN%20ID")) {
            assertProblem(herald.get("/api/v1/tenants/" + path), 404);
            assertProblem(herald.patch("/api/v1/tenants/" + path, "{\"name\":\"x\"}"), 404);
            assertProblem(herald.delete("/api/v1/tenants/" + path), 404);
        }
    }

    private long rowsOf(String table, String tenant) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM " + table + " WHERE "
                + (table.equals("tenant") ? "id" : "tenant_id") + " = ?", Long.class, tenant);
    }
}
