package dev.herald.server;

import dev.herald.core.model.TenantId;
import dev.herald.core.tenancy.Scope;
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

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The dashboard's numbers agree with the delivery table for a known mix of sent, failed and suppressed. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class DashboardApiTest {
    private static final String TYPE = "dash.mix";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry r) {
        r.add("herald.data-dir", () -> "target/test-data/dashboard-" + UUID.randomUUID());
        r.add("herald.admin-key", () -> EmbeddedHeraldTest.ADMIN_KEY);
        r.add("herald.dedup.window", () -> "10m");
        r.add("herald.billing.prices.SMS", () -> "8.4");
    }

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    dev.herald.core.tenancy.ApiKeys apiKeys;
    HeraldClient herald;

    @BeforeEach
    void connect() {
        herald = new HeraldClient(port, EmbeddedHeraldTest.ADMIN_KEY);
    }

    private void send(String recipients, String channels, String body) {
        Answer answer = herald.post("/api/v1/notifications", """
                {"type":"%s","recipients":%s,"channels":%s,"content":{"title":"Hi","body":"%s"}}"""
                .formatted(TYPE, recipients, channels, body));
        assertThat(answer.status()).as(answer.text()).isEqualTo(202);
    }

    private long inTable(String channel, String status) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM delivery WHERE type = ? AND channel = ? AND status = ?",
                Long.class, TYPE, channel, status);
    }

    private String table() {
        return jdbc.queryForList("SELECT channel, status, COUNT(*) AS n FROM delivery WHERE type = ?"
                + " GROUP BY channel, status ORDER BY channel, status", TYPE).stream()
                .map(r -> r.get("channel") + ":" + r.get("status") + "=" + r.get("n")).toList().toString();
    }

    private JsonNode row(JsonNode rows, String channel, JsonNode whole) {
        for (JsonNode row : rows) {
            if (row.get("channel").asString().equals(channel)) {
                return row;
            }
        }
        throw new AssertionError("no row for " + channel + " in " + whole);
    }

    private JsonNode row(JsonNode rows, String channel) {
        for (JsonNode row : rows) {
            if (row.get("channel").asString().equals(channel)) {
                return row.get("traffic");
            }
        }
        throw new AssertionError("no row for " + channel + " in " + rows);
    }

    @Test
    void theDashboardCountsWhatTheDeliveryTableHolds() {
        // Dee has a phone but no email: her SMS goes, her email fails at intake. Eve declined SMS.
        assertThat(herald.put("/api/v1/users/dee", "{\"phone\":\"+821055550001\"}").status()).isEqualTo(201);
        assertThat(herald.put("/api/v1/users/eve", "{\"phone\":\"+821055550002\"}").status()).isEqualTo(201);
        assertThat(herald.put("/api/v1/users/eve/preferences", "{\"optedOut\":[\"SMS\"]}").status())
                .isEqualTo(200);
        send("[\"dee\"]", "[\"SMS\",\"EMAIL\"]", "Your order shipped");
        send("[\"eve\"]", "[\"SMS\"]", "Your order shipped");
        // The same code twice to the same phone: the second is a suppressed duplicate.
        send("[{\"phone\":\"+821055550003\"}]", "[\"SMS\"]", "Code 123456");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(table()).contains("SMS:SENT=2"));
        send("[{\"phone\":\"+821055550003\"}]", "[\"SMS\"]", "Code 123456");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(table())
                .isEqualTo("[EMAIL:FAILED=1, SMS:SENT=2, SMS:SUPPRESSED=2]"));

        // The failure list holds exactly the mix's FAILED and DEAD deliveries, with the reason the table holds.
        List<Map<String, Object>> failedInTable = jdbc.queryForList("SELECT id, notification_id, user_id,"
                + " last_error FROM delivery WHERE type = ? AND status IN ('FAILED', 'DEAD')", TYPE);
        List<JsonNode> listed = failuresOf(TYPE);
        assertThat(listed).extracting(f -> f.get("deliveryId").asString()).containsExactlyInAnyOrderElementsOf(
                failedInTable.stream().map(r -> r.get("id").toString()).toList()).hasSize(1);
        JsonNode failure = listed.getFirst();
        Map<String, Object> failedRow = failedInTable.getFirst();
        assertThat(failure.get("notificationId").asString()).isEqualTo(failedRow.get("notification_id").toString());
        assertThat(failure.get("userId").asString()).isEqualTo("dee");
        assertThat(failure.get("channel").asString()).isEqualTo("EMAIL");
        assertThat(failure.get("status").asString()).isEqualTo("FAILED");
        assertThat(failure.get("currentStatus").asString()).isEqualTo("FAILED");
        assertThat(failure.get("reason").asString()).isEqualTo(failedRow.get("last_error")).isNotBlank();
        assertThat(failure.get("attempts").asInt()).isZero();
        assertThat(failure.hasNonNull("provider")).isFalse();
        assertThat(failure.get("failedAt").asString()).isNotBlank();

        JsonNode rows = herald.get("/api/v1/dashboard/delivery?type=" + TYPE).body().get("rows");
        JsonNode sms = row(rows, "SMS");
        JsonNode email = row(rows, "EMAIL");
        assertThat(sms.get("accepted").asLong()).isEqualTo(4);
        assertThat(sms.get("sent").asLong()).isEqualTo(inTable("SMS", "SENT")).isEqualTo(2);
        assertThat(sms.get("suppressed").asLong()).isEqualTo(inTable("SMS", "SUPPRESSED"));
        assertThat(sms.get("suppressedByDedup").asLong()).isEqualTo(1);
        assertThat(sms.get("failed").asLong()).isZero();
        assertThat(sms.get("successRate").asDouble()).isEqualTo(1.0);
        assertThat(sms.get("p50Millis").isNull()).isFalse();
        assertThat(email.get("accepted").asLong()).isEqualTo(1);
        assertThat(email.get("failed").asLong()).isEqualTo(inTable("EMAIL", "FAILED")).isEqualTo(1);
        assertThat(email.get("successRate").asDouble()).isZero();

        JsonNode channels = herald.get("/api/v1/dashboard/delivery/channels").body().get("channels");
        assertThat(row(channels, "SMS").get("accepted").asLong()).isEqualTo(4);
        assertThat(row(channels, "EMAIL").get("failed").asLong()).isEqualTo(1);
        assertThat(herald.get("/api/v1/dashboard/delivery?channel=EMAIL&type=" + TYPE).body().get("rows"))
                .hasSize(1);

        // Two SMS sent at 8.4 credits, one duplicate not sent; email has no price.
        JsonNode bill = herald.get("/api/v1/dashboard/billing").body();
        JsonNode smsCost = row(bill.get("channels"), "SMS", bill);
        assertThat(smsCost.get("cost").decimalValue()).isEqualByComparingTo("16.8");
        assertThat(smsCost.get("creditsSaved").decimalValue()).isEqualByComparingTo("8.4");
        assertThat(bill.get("cost").decimalValue()).isEqualByComparingTo("16.8");

        // Rebuilt from the history, the read model says the same.
        JsonNode before = herald.get("/api/v1/dashboard/delivery").body();
        assertThat(herald.post("/api/v1/admin/stats/rebuild", "").body().get("rows").asInt())
                .isEqualTo(before.get("rows").size());
        assertThat(herald.get("/api/v1/dashboard/delivery").body()).isEqualTo(before);
    }

    /** The entries of the failure list of one type (the list is the tenant's, every type), every page. */
    private List<JsonNode> failuresOf(String type) {
        List<JsonNode> ours = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = herald.get("/api/v1/dashboard/delivery/failures?limit=200"
                    + (cursor == null ? "" : "&cursor=" + cursor)).body();
            page.get("items").forEach(f -> {
                if (f.get("type").asString().equals(type)) {
                    ours.add(f);
                }
            });
            // Absent on the last page (null fields are left out of answers).
            cursor = page.hasNonNull("nextCursor") ? page.get("nextCursor").asString() : null;
        } while (cursor != null);
        return ours;
    }

    @Test
    void theFailureListPagesNewestFirst() {
        String type = "dash.pages";
        assertThat(herald.put("/api/v1/users/fay", "{\"phone\":\"+821055550009\"}").status()).isIn(200, 201);
        List<String> notifications = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Answer answer = herald.post("/api/v1/notifications", """
                    {"type":"%s","recipients":["fay"],"channels":["EMAIL"],"content":{"body":"n%d"}}"""
                    .formatted(type, i));
            assertThat(answer.status()).as(answer.text()).isEqualTo(202);
            notifications.add(answer.body().get("id").asString());
        }

        JsonNode first = herald.get("/api/v1/dashboard/delivery/failures?limit=2").body();
        JsonNode second = herald.get("/api/v1/dashboard/delivery/failures?limit=2&cursor="
                + first.get("nextCursor").asString()).body();

        assertThat(first.get("items").findValuesAsString("notificationId"))
                .containsExactly(notifications.get(2), notifications.get(1));
        assertThat(second.get("items").get(0).get("notificationId").asString()).isEqualTo(notifications.get(0));
        assertThat(failuresOf(type)).hasSize(3);
    }

    @Test
    void badParametersAreProblemsNamingTheField() {
        assertProblem(herald.get("/api/v1/dashboard/delivery?from=2026-13-01"), "from", "format");
        assertProblem(herald.get("/api/v1/dashboard/delivery?from=2026-12-02&to=2026-12-01"), "to", "order");
        assertProblem(herald.get("/api/v1/dashboard/delivery?from=2024-01-01&to=2026-12-01"), "from", "range");
        assertProblem(herald.get("/api/v1/dashboard/delivery?channel=PIGEON"), "channel", "one-of");
        assertProblem(herald.get("/api/v1/dashboard/delivery/channels?to=yesterday"), "to", "format");
        assertProblem(herald.get("/api/v1/dashboard/billing?month=2026-13"), "month", "format");
        assertProblem(herald.get("/api/v1/dashboard/delivery/failures?limit=0"), "limit", "range");
        assertProblem(herald.get("/api/v1/dashboard/delivery/failures?limit=201"), "limit", "range");
        assertProblem(herald.get("/api/v1/dashboard/delivery/failures?cursor=not-ours"), "cursor", "format");
    }

    @Test
    void theDashboardNeedsTheReadScope() {
        String sendOnly = apiKeys.issue(TenantId.defaultTenant(), "sender", Set.of(Scope.SEND)).secret();
        assertThat(herald.withKey(sendOnly).get("/api/v1/dashboard/delivery").status()).isEqualTo(403);
        assertThat(herald.withKey(sendOnly).get("/api/v1/dashboard/delivery/channels").status()).isEqualTo(403);
        assertThat(herald.withKey(sendOnly).get("/api/v1/dashboard/billing").status()).isEqualTo(403);
        assertThat(herald.withKey(sendOnly).get("/api/v1/dashboard/lanes").status()).isEqualTo(403);
        assertThat(herald.withKey(sendOnly).get("/api/v1/dashboard/delivery/failures").status()).isEqualTo(403);
        String reader = apiKeys.issue(TenantId.defaultTenant(), "reader", Set.of(Scope.READ)).secret();
        assertThat(herald.withKey(reader).get("/api/v1/dashboard/delivery").status()).isEqualTo(200);
        assertThat(herald.withKey(reader).get("/api/v1/dashboard/delivery/failures").status()).isEqualTo(200);
        assertThat(herald.withKey(reader).get("/api/v1/dashboard/lanes").body().get("lanes").findValuesAsString("lane"))
                .containsExactly("CRITICAL", "HIGH", "NORMAL", "LOW");
        assertThat(herald.withKey(reader).post("/api/v1/admin/stats/rebuild", "").status()).isEqualTo(403);
    }

    private static void assertProblem(Answer answer, String field, String rule) {
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.body().get("errors").findValuesAsString("field")).contains(field);
        assertThat(answer.body().get("errors").findValuesAsString("rule")).contains(rule);
    }
}
