package dev.herald.server;

import dev.herald.server.HeraldClient.Answer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The suppression list through the API: added by hand (normalised, validated), honoured when notifications are
 * planned (single and batch, the reason naming the entry in the timeline; critical types still reach unsubscribed
 * addresses, never bounced ones), listed with filters and cursor, and lifted.
 */
class SuppressionApiTest extends EmbeddedHeraldTest {
    private String sfx;

    @BeforeEach
    void suffix() {
        sfx = UUID.randomUUID().toString().substring(0, 8);
    }

    private Answer suppress(String address, String reason) {
        return herald.post("/api/v1/suppressions", "{\"address\":\"" + address + "\",\"reason\":\"" + reason + "\"}");
    }

    private JsonNode send(String type, String address) {
        Answer answer = herald.post("/api/v1/notifications", """
                {"type":"%s","recipients":[{"email":"%s"}],"channels":["EMAIL"],"content":{"body":"hi"}}"""
                .formatted(type, address));
        assertThat(answer.status()).as(answer.text()).isEqualTo(202);
        return answer.body().get("deliveries").get(0);
    }

    @Test
    void anAddedAddressIsNormalisedAndTheNextMailToItIsSuppressedNamingTheEntry() {
        Answer added = suppress("Ann-" + sfx + "@Example.COM", "HARD_BOUNCE");

        assertThat(added.status()).as(added.text()).isEqualTo(201);
        assertThat(added.body().get("address").asString()).isEqualTo("ann-" + sfx + "@example.com");
        assertThat(added.body().get("kind").asString()).isEqualTo("email");
        assertThat(added.body().get("source").asString()).isEqualTo("api");
        Answer again = suppress("ann-" + sfx + "@example.com", "COMPLAINT");
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body().get("reason").asString()).isEqualTo("HARD_BOUNCE");

        JsonNode delivery = send("suppress.test", "ANN-" + sfx + "@example.com");
        assertThat(delivery.get("status").asString()).isEqualTo("SUPPRESSED");
        String id = herald.get("/api/v1/notifications?limit=1").body().get("items").get(0).get("id").asString();
        JsonNode timeline = herald.get("/api/v1/notifications/" + id).body().get("deliveries").get(0).get("history");
        assertThat(timeline.get(0).get("status").asString()).isEqualTo("SUPPRESSED");
        assertThat(timeline.get(0).get("detail").asString())
                .isEqualTo("address on the suppression list: HARD_BOUNCE since "
                        + added.body().get("createdAt").asString() + " (api)");
    }

    @Test
    void aBatchIsCheckedAsAWholeAndOnlyTheListedAddressIsSuppressed() {
        suppress("listed-" + sfx + "@example.com", "MANUAL");
        StringBuilder items = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            String address = (i == 7 ? "listed-" : "free" + i + "-") + sfx + "@example.com";
            items.append(i == 0 ? "" : ",").append("""
                    {"type":"batch.test","recipients":[{"email":"%s"}],"channels":["EMAIL"],"content":{"body":"b"}}"""
                    .formatted(address));
        }

        Answer batch = herald.post("/api/v1/notifications/batch", "{\"notifications\":[" + items + "]}");

        assertThat(batch.status()).as(batch.text()).isLessThan(300);
        List<String> statuses = new ArrayList<>();
        batch.body().get("results").forEach(item -> statuses.add(item.findValue("deliveries").get(0).get("status")
                .asString()));
        assertThat(statuses.get(7)).isEqualTo("SUPPRESSED");
        assertThat(statuses).filteredOn("QUEUED"::equals).hasSize(19);
    }

    @Test
    void criticalMailReachesAnUnsubscribedAddressButNotABouncedOne() {
        String type = "sup" + sfx + ".security";
        assertThat(herald.put("/api/v1/types/" + type, "{\"channels\":[\"EMAIL\"],\"critical\":true}").status())
                .isEqualTo(201);
        suppress("unsub-" + sfx + "@example.com", "UNSUBSCRIBED");
        suppress("gone-" + sfx + "@example.com", "HARD_BOUNCE");

        assertThat(send(type, "unsub-" + sfx + "@example.com").get("status").asString()).isEqualTo("QUEUED");
        assertThat(send(type, "gone-" + sfx + "@example.com").get("status").asString()).isEqualTo("SUPPRESSED");
        assertThat(send("sup.newsletter", "unsub-" + sfx + "@example.com").get("status").asString())
                .isEqualTo("SUPPRESSED");
    }

    @Test
    void theListFiltersAndPagesAndALiftedAddressGetsMailAgain() {
        for (int i = 0; i < 3; i++) {
            suppress("page" + i + "-" + sfx + "@example.com", i == 1 ? "COMPLAINT" : "MANUAL");
        }
        suppress("+8210" + (10000000 + Math.abs(sfx.hashCode() % 89999999)), "INVALID_NUMBER");

        JsonNode first = herald.get("/api/v1/suppressions?limit=2").body();
        assertThat(first.get("items").size()).isEqualTo(2);
        JsonNode second = herald.get("/api/v1/suppressions?limit=2&cursor=" + first.get("nextCursor").asString())
                .body();
        assertThat(second.get("items").get(0).get("createdAt").asString())
                .isLessThanOrEqualTo(first.get("items").get(1).get("createdAt").asString());
        JsonNode complaints = herald.get("/api/v1/suppressions?reason=COMPLAINT&limit=200").body().get("items");
        assertThat(complaints.findValuesAsString("address")).contains("page1-" + sfx + "@example.com")
                .doesNotContain("page0-" + sfx + "@example.com");

        Answer lifted = herald.delete("/api/v1/suppressions/PAGE0-" + sfx + "@example.com");

        assertThat(lifted.status()).isEqualTo(204);
        assertThat(herald.delete("/api/v1/suppressions/page0-" + sfx + "@example.com").status()).isEqualTo(404);
        assertThat(send("sup.back", "page0-" + sfx + "@example.com").get("status").asString()).isEqualTo("QUEUED");
    }

    @Test
    void aReadKeyListsButCannotChangeTheList() {
        String reader = herald.post("/api/v1/api-keys", "{\"name\":\"sup-reader\",\"scopes\":[\"read\"]}").body()
                .get("key").asString();
        HeraldClient read = herald.withKey(reader);

        assertThat(read.get("/api/v1/suppressions").status()).isEqualTo(200);
        assertThat(read.post("/api/v1/suppressions", "{\"address\":\"r-" + sfx + "@example.com\"}").status())
                .isEqualTo(403);
        assertThat(read.delete("/api/v1/suppressions/r-" + sfx + "@example.com").status()).isEqualTo(403);
        assertThat(herald.withKey(null).get("/api/v1/suppressions").status()).isEqualTo(401);
    }
}
