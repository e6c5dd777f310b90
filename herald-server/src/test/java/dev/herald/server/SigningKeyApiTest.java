package dev.herald.server;

import dev.herald.server.HeraldClient.Answer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rotating a tenant's signing key for user tokens through the API: tokens handed out before keep working until their
 * key is retired, new ones name the new key, and every wrong call is a problem answer that changes nothing.
 */
class SigningKeyApiTest extends EmbeddedHeraldTest {
    private HeraldClient admin;
    private String ann;

    @BeforeEach
    void aTenantOfItsOwnWithAUser() {
        String tenant = "keys-" + UUID.randomUUID().toString().substring(0, 8);
        Answer made = herald.post("/api/v1/tenants", "{\"id\":\"" + tenant + "\",\"name\":\"Keys\"}");
        assertThat(made.status()).as(made.text()).isEqualTo(201);
        admin = herald.withKey(made.body().get("adminKey").get("key").asString());
        ann = "ann-" + tenant;
        assertThat(admin.put("/api/v1/users/" + ann, "{\"email\":\"ann@example.com\"}").status()).isEqualTo(201);
    }

    @Test
    void userTokensIssuedBeforeARotationWorkUntilTheirKeyIsRetired() {
        String before = token();
        assertThat(inbox(before)).isEqualTo(200);
        JsonNode listed = admin.get("/api/v1/signing-keys/user-token").body();
        assertThat(listed.get("purpose").asString()).isEqualTo("user-token");
        assertThat(listed.get("keys")).hasSize(1);
        assertThat(listed.get("keys").get(0).get("id").asInt()).isEqualTo(1);
        assertThat(listed.get("keys").get(0).get("current").asBoolean()).isTrue();

        Answer rotated = admin.post("/api/v1/signing-keys/user-token/rotate", "");
        assertThat(rotated.status()).isEqualTo(201);
        assertThat(rotated.body().get("id").asInt()).isEqualTo(2);
        String after = token();
        assertThat(after.split("\\.")[5]).isEqualTo("2");
        assertThat(inbox(before)).isEqualTo(200);
        assertThat(inbox(after)).isEqualTo(200);

        assertThat(admin.delete("/api/v1/signing-keys/user-token/1").status()).isEqualTo(204);
        assertThat(inbox(before)).isEqualTo(401);
        assertThat(inbox(after)).isEqualTo(200);
        assertThat(admin.delete("/api/v1/signing-keys/user-token/1").status()).isEqualTo(404);
        JsonNode keys = admin.get("/api/v1/signing-keys/user-token").body().get("keys");
        assertThat(keys).hasSize(2);
        assertThat(keys.get(0).get("retiredAt").isNull()).isFalse();
        assertThat(keys.get(1).get("current").asBoolean()).isTrue();
        assertThat(keys.toString()).doesNotContain("secret");
        // The default tenant's keys were not touched.
        assertThat(herald.get("/api/v1/signing-keys/user-token").body().get("keys").toString())
                .doesNotContain("retiredAt");
    }

    @Test
    void wrongCallsAreProblemsThatChangeNothing() {
        assertProblem(admin.post("/api/v1/signing-keys/audit-pseudonym/rotate", ""), 404);
        assertProblem(admin.get("/api/v1/signing-keys/nope"), 404);
        assertProblem(admin.delete("/api/v1/signing-keys/user-token/01"), 404);
        assertProblem(admin.delete("/api/v1/signing-keys/user-token/x"), 404);
        assertProblem(admin.delete("/api/v1/signing-keys/user-token/99"), 404);
        token();
        Answer current = admin.delete("/api/v1/signing-keys/user-token/1");
        assertProblem(current, 409);
        assertThat(current.body().get("errors").get(0).get("field").asString()).isEqualTo("id");
        assertThat(current.body().get("errors").get(0).get("rule").asString()).isEqualTo("current");

        Answer key = admin.post("/api/v1/api-keys", "{\"name\":\"sender\",\"scopes\":[\"send\"]}");
        HeraldClient sender = admin.withKey(key.body().get("key").asString());
        assertProblem(sender.post("/api/v1/signing-keys/user-token/rotate", ""), 403);
        assertProblem(sender.get("/api/v1/signing-keys/user-token"), 403);

        JsonNode keys = admin.get("/api/v1/signing-keys/user-token").body().get("keys");
        assertThat(keys).hasSize(1);
        assertThat(keys.get(0).has("retiredAt")).as("shown only once retired").isFalse();
    }

    private String token() {
        Answer answer = admin.post("/api/v1/users/" + ann + "/inbox-token", "");
        assertThat(answer.status()).isEqualTo(200);
        return answer.body().get("token").asString();
    }

    private int inbox(String token) {
        return admin.withKey(token).get("/api/v1/inbox").status();
    }

    private static void assertProblem(Answer answer, int status) {
        assertThat(answer.status()).as(answer.text()).isEqualTo(status);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.text()).doesNotContain("Exception");
    }
}
