package dev.herald.server;

import dev.herald.server.HeraldClient.Answer;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Deleting a user takes what belongs to them and retires the inbox tokens their browsers hold. */
class UserDeletionApiTest extends EmbeddedHeraldTest {

    @Test
    void deletingAUserTakesTheirDevicesPreferencesAndInboxAndTheirTokenStopsWorking() {
        String ann = "ann-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(herald.put("/api/v1/users/" + ann, "{\"email\":\"ann@example.com\"}").status()).isEqualTo(201);
        assertThat(herald.post("/api/v1/users/" + ann + "/devices", "{\"platform\":\"fcm\",\"token\":\"t-" + ann
                + "\"}").status()).isEqualTo(201);
        assertThat(herald.put("/api/v1/users/" + ann + "/preferences", "{\"optedOut\":[\"SMS\"]}").status())
                .isEqualTo(200);
        Answer sent = herald.post("/api/v1/notifications", """
                {"type":"comment.added","recipients":["%s"],"channels":["IN_APP"],"content":{"title":"t","body":"b"}}"""
                .formatted(ann), "Prefer", "wait=10");
        assertThat(sent.body().get("deliveries").get(0).get("status").asString()).isEqualTo("SENT");
        String token = herald.post("/api/v1/users/" + ann + "/inbox-token", "").body().get("token").asString();
        HeraldClient browser = herald.withKey(token);
        assertThat(browser.get("/api/v1/inbox").body().get("messages")).hasSize(1);

        assertThat(herald.delete("/api/v1/users/" + ann).status()).isEqualTo(204);

        Answer refused = browser.get("/api/v1/inbox");
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(herald.get("/api/v1/users/" + ann + "/devices").status()).isEqualTo(404);
        assertThat(herald.post("/api/v1/users/" + ann + "/inbox-token", "").status()).isEqualTo(404);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM device WHERE user_id = ?", Long.class, ann)).isZero();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM user_preference WHERE user_id = ?", Long.class, ann))
                .isZero();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM inbox_message WHERE user_id = ?", Long.class, ann))
                .isZero();

        // Created again with the same id: a new user with nothing of the old one, and the old token still fails.
        assertThat(herald.put("/api/v1/users/" + ann, "{\"email\":\"ann@example.com\"}").status()).isEqualTo(201);
        assertThat(herald.get("/api/v1/users/" + ann + "/devices").body()).isEmpty();
        assertThat(herald.get("/api/v1/users/" + ann + "/preferences").body().get("optedOut")).isEmpty();
        assertThat(browser.get("/api/v1/inbox").status()).isEqualTo(401);
        String fresh = herald.post("/api/v1/users/" + ann + "/inbox-token", "").body().get("token").asString();
        Answer empty = herald.withKey(fresh).get("/api/v1/inbox");
        assertThat(empty.status()).isEqualTo(200);
        assertThat(empty.body().get("messages")).isEmpty();
        assertThat(empty.body().get("unread").asLong()).isZero();
    }

    @Test
    void deletingAUserWhoDoesNotExistIsNotFoundAndTouchesNoOnesToken() {
        String bob = "bob-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(herald.put("/api/v1/users/" + bob, "{\"email\":\"bob@example.com\"}").status()).isEqualTo(201);
        String token = herald.post("/api/v1/users/" + bob + "/inbox-token", "").body().get("token").asString();

        assertThat(herald.delete("/api/v1/users/nobody-" + bob).status()).isEqualTo(404);

        assertThat(herald.withKey(token).get("/api/v1/inbox").status()).isEqualTo(200);
    }
}
