package dev.herald.server;

import dev.herald.server.HeraldClient.Answer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Preferences through the API: stored, validated, and applied to the next notification. */
class PreferenceApiTest extends EmbeddedHeraldTest {

    @Test
    void optOutsAndPerTypeChoicesApplyAndAreAnsweredPerChannel() {
        String user = "p-" + UUID.randomUUID().toString().substring(0, 8);
        herald.put("/api/v1/users/" + user, """
                {"email":"%s@example.com","phone":"+821012345678","timeZone":"Asia/Seoul"}""".formatted(user));
        Answer saved = herald.put("/api/v1/users/" + user + "/preferences", """
                {"optedOut":["sms"],"channelsByType":{"weekly.news":["EMAIL"]}}""");
        assertThat(saved.status()).isEqualTo(200);
        assertThat(herald.get("/api/v1/users/" + user + "/preferences").body().get("optedOut").get(0).asString())
                .isEqualTo("SMS");

        Answer answer = herald.post("/api/v1/notifications", """
                {"type":"weekly.news","recipients":["%s"],"channels":["EMAIL","SMS","IN_APP"],
                 "content":{"body":"This week"}}""".formatted(user), "Prefer", "wait=10");

        Map<String, JsonNode> byChannel = new HashMap<>();
        answer.body().get("deliveries").forEach(d -> byChannel.put(d.get("channel").asString(), d));
        assertThat(byChannel.get("EMAIL").get("status").asString()).isEqualTo("SENT");
        assertThat(byChannel.get("SMS").get("status").asString()).isEqualTo("SUPPRESSED");
        assertThat(byChannel.get("SMS").get("error").asString()).contains("opted out of SMS");
        assertThat(byChannel.get("IN_APP").get("status").asString()).isEqualTo("SUPPRESSED");
        assertThat(byChannel.get("IN_APP").get("error").asString()).contains("chose not to get weekly.news");
    }

    @Test
    void badPreferencesAreRefusedByField() {
        String user = "p-" + UUID.randomUUID().toString().substring(0, 8);
        herald.put("/api/v1/users/" + user, "{\"email\":\"x@example.com\"}");

        Answer bad = herald.put("/api/v1/users/" + user + "/preferences", """
                {"optedOut":["fax"],"quietHours":{"start":"25:00","timeZone":"Mars/Olympus"}}""");

        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body().get("errors").findValuesAsString("field")).contains("optedOut[0]",
                "quietHours.start", "quietHours.end", "quietHours.timeZone");
        assertThat(herald.put("/api/v1/users/nobody-" + user + "/preferences", "{}").status()).isEqualTo(404);
        Answer odd = herald.put("/api/v1/users/" + user + "/preferences", """
                {"channelsByType":{"not a type!":["EMAIL"]},"quietHours":{"start":"22:00:01","end":"22:00:01"}}""");
        assertThat(odd.status()).isEqualTo(400);
        assertThat(odd.body().get("errors").findValuesAsString("field")).contains("channelsByType",
                "quietHours.start", "quietHours.end");
    }
}
