package dev.herald.server;

import dev.herald.core.model.TenantId;
import dev.herald.core.recipients.User;
import dev.herald.core.suppression.SuppressedAddress;
import dev.herald.core.suppression.Suppression;
import dev.herald.core.suppression.SuppressionList;
import dev.herald.core.suppression.SuppressionReason;
import dev.herald.core.suppression.SuppressionSource;
import dev.herald.core.tenancy.Scope;
import dev.herald.jdbc.JdbcStores;
import dev.herald.server.ConsoleHttp.Signed;
import dev.herald.server.HeraldClient.Answer;
import dev.herald.server.console.ConsoleHeaders;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The console's suppression, topic and broadcast pages over plain HTTP: the same rules and audit entries as the
 * API, bad input named on the page (never a 500), read keys that look but do not act, another tenant that sees and
 * changes nothing, and the security headers on every console answer.
 */
class ConsoleBroadcastsAndSuppressionsTest extends EmbeddedHeraldTest {
    @Autowired
    JdbcStores stores;
    @Autowired
    SuppressionList suppressions;

    private ConsoleHttp console;
    private String sfx;
    private TenantId tenant;
    private HeraldClient admin;
    private String adminKey;

    @BeforeEach
    void ownTenant() {
        console = new ConsoleHttp(port);
        sfx = UUID.randomUUID().toString().substring(0, 8);
        tenant = new TenantId("cs-" + sfx);
        stores.apiKeys().ensureTenant(tenant, "Console lists");
        adminKey = apiKeys.issue(tenant, "cs-admin", Set.of(Scope.ADMIN)).secret();
        admin = herald.withKey(adminKey);
    }

    private String otherTenantsAdminKey() {
        TenantId other = new TenantId("cs-other-" + sfx);
        stores.apiKeys().ensureTenant(other, "Another");
        return apiKeys.issue(other, "other-admin", Set.of(Scope.ADMIN)).secret();
    }

    private List<String> subscribe(String topic, int count) {
        assertThat(admin.put("/api/v1/topics/" + topic, "{\"name\":\"News of " + sfx + "\"}").status())
                .isEqualTo(201);
        List<String> users = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String user = "u%04d-%s".formatted(i, sfx);
            stores.users().put(tenant, new User(user, user + "@example.com", null, null, null, Instant.now()));
            users.add(user);
        }
        Answer added = admin.post("/api/v1/topics/" + topic + "/subscribers", "{\"add\":[\""
                + String.join("\",\"", users) + "\"]}");
        assertThat(added.status()).as(added.text()).isEqualTo(200);
        return users;
    }

    /** A broadcast whose deliveries wait an hour: it stays PLANNED with every delivery on its way. */
    private String scheduledBroadcast(String topic) {
        Answer accepted = admin.post("/api/v1/notifications", """
                {"type":"cs.news","topic":"%s","channels":["IN_APP"],"content":{"body":"later"},"sendAt":"%s"}"""
                .formatted(topic, Instant.now().plus(Duration.ofHours(1))));
        assertThat(accepted.status()).as(accepted.text()).isEqualTo(202);
        return accepted.body().get("broadcastId").asString();
    }

    @Test
    void anAdminAddsAndRemovesASuppressionThroughTheFormAndEachIsAuditedWithoutTheAddress() throws Exception {
        String address = "blocked-" + sfx + "@example.com";
        Signed session = console.signIn(adminKey);

        HttpResponse<String> added = console.submit(session, "/console/suppressions", "address", address,
                "reason", "COMPLAINT");
        String page = console.follow(added, session).body();
        assertThat(page).contains(address).contains("COMPLAINT").contains("Added to the suppression list.");
        JsonNode listed = admin.get("/api/v1/suppressions").body().get("items");
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).get("reason").asString()).isEqualTo("COMPLAINT");
        assertThat(listed.get(0).get("source").asString()).isEqualTo("api");

        assertThat(console.follow(console.submit(session, "/console/suppressions", "address", address,
                "reason", "MANUAL"), session).body()).contains("That address was on the list already");
        assertThat(admin.get("/api/v1/suppressions").body().get("items").get(0).get("reason").asString())
                .isEqualTo("COMPLAINT");

        // A change without the session's token is refused and changes nothing.
        assertThat(console.post("/console/suppressions/remove", session.cookie(), "address=" + address)
                .statusCode()).isEqualTo(403);
        assertThat(console.follow(console.submit(session, "/console/suppressions/remove", "address", address),
                session).body()).contains("Removed from the suppression list").doesNotContain(address);
        assertThat(admin.get("/api/v1/suppressions").body().get("items")).isEmpty();

        JsonNode audit = admin.get("/api/v1/audit?limit=10").body().get("items");
        List<String> actions = new ArrayList<>();
        audit.forEach(e -> actions.add(e.get("action").asString()));
        assertThat(actions).containsSubsequence("suppression.removed", "suppression.added");
        assertThat(audit.toString()).doesNotContain(address);
    }

    @Test
    void badInputIsNamedOnThePageWithA400AndNothingIsWritten() throws Exception {
        Signed session = console.signIn(adminKey);

        HttpResponse<String> notAnAddress = console.submit(session, "/console/suppressions",
                "address", "not an address", "reason", "MANUAL");
        assertThat(notAnAddress.statusCode()).isEqualTo(400);
        assertThat(notAnAddress.body()).contains("address: must be an email address")
                .contains("value=\"not an address\"");
        HttpResponse<String> badReason = console.submit(session, "/console/suppressions",
                "address", "ok-" + sfx + "@example.com", "reason", "BORED");
        assertThat(badReason.statusCode()).isEqualTo(400);
        assertThat(badReason.body()).contains("reason: must be one of");
        assertThat(console.submit(session, "/console/suppressions", "address", "a\u0000b@example.com")
                .statusCode()).isEqualTo(400);
        assertThat(console.submit(session, "/console/suppressions", "address", "x".repeat(3_000) + "@example.com")
                .body()).contains("address: must be at most 2000 characters");
        assertThat(console.submit(session, "/console/suppressions", "address", " ").body())
                .contains("address: is required");
        assertThat(admin.get("/api/v1/suppressions").body().get("items")).isEmpty();

        assertThat(console.get("/console/suppressions?reason=BORED", session.cookie()).statusCode()).isEqualTo(400);
        assertThat(console.get("/console/suppressions?cursor=nope", session.cookie()).body())
                .contains("Could not read the field &quot;cursor&quot;.");
        assertThat(console.get("/console/broadcasts?cursor=nope", session.cookie()).statusCode()).isEqualTo(400);
        assertThat(console.get("/console/broadcasts/not-an-id", session.cookie()).statusCode()).isEqualTo(404);
        assertThat(console.get("/console/topics/bad%20key", session.cookie()).statusCode()).isEqualTo(404);
        subscribe("paged", 1);
        assertThat(console.get("/console/topics/paged?after=" + "u".repeat(300), session.cookie()).statusCode())
                .isEqualTo(400);
        assertThat(console.get("/console/deliveries/not-an-id", session.cookie()).statusCode()).isEqualTo(404);
    }

    @Test
    void aProviderFeedbackEntryLinksToTheNotificationOfTheDeliveryThatCausedIt() throws Exception {
        String address = "bounced-" + sfx + "@example.com";
        Answer sent = admin.post("/api/v1/notifications", """
                {"type":"cs.bounce","recipients":[{"email":"%s"}],"channels":["EMAIL"],"content":{"body":"hi"}}"""
                .formatted(address));
        assertThat(sent.status()).as(sent.text()).isEqualTo(202);
        String notificationId = sent.body().get("id").asString();
        String deliveryId = admin.get("/api/v1/notifications/" + notificationId).body().get("deliveries").get(0)
                .get("id").asString();
        suppressions.add(tenant, new Suppression(SuppressedAddress.email(address), SuppressionReason.HARD_BOUNCE,
                SuppressionSource.SES, Instant.now(), UUID.fromString(deliveryId)));

        Signed session = console.signIn(adminKey);
        String page = console.get("/console/suppressions?reason=HARD_BOUNCE", session.cookie()).body();
        assertThat(page).contains(address).contains("ses").contains("/console/deliveries/" + deliveryId);
        assertThat(console.get("/console/suppressions?reason=COMPLAINT", session.cookie()).body())
                .doesNotContain(address);
        HttpResponse<String> followed = console.get("/console/deliveries/" + deliveryId, session.cookie());
        assertThat(followed.statusCode()).isEqualTo(302);
        assertThat(followed.headers().firstValue("Location").orElseThrow())
                .endsWith("/console/notifications/" + notificationId);

        Signed other = console.signIn(otherTenantsAdminKey());
        assertThat(console.get("/console/deliveries/" + deliveryId, other.cookie()).statusCode()).isEqualTo(404);
    }

    @Test
    void suppressionsArePagedByCursorNewestFirst() throws Exception {
        for (int i = 0; i < 55; i++) {
            suppressions.add(tenant, new Suppression(SuppressedAddress.email("p%02d-%s@example.com".formatted(i, sfx)),
                    SuppressionReason.MANUAL, SuppressionSource.API, Instant.now(), null));
        }
        Signed session = console.signIn(adminKey);
        String first = console.get("/console/suppressions", session.cookie()).body();
        assertThat(first.split("class=\"address\"", -1)).hasSize(51);
        java.util.regex.Matcher older = java.util.regex.Pattern.compile("id=\"older\" href=\"([^\"]+)\"")
                .matcher(first);
        assertThat(older.find()).isTrue();
        String second = console.get(older.group(1).replace("&amp;", "&"), session.cookie()).body();
        assertThat(second.split("class=\"address\"", -1)).hasSize(6);
        assertThat(second).doesNotContain("id=\"older\"");
    }

    @Test
    void topicsShowTheirSubscriberCountsAndSubscribersPageByHundred() throws Exception {
        List<String> users = subscribe("news", 150);
        Signed session = console.signIn(adminKey);

        String list = console.get("/console/topics", session.cookie()).body();
        assertThat(list).contains("href=\"/console/topics/news\"").contains("<td class=\"count\">150</td>");
        String topic = console.get("/console/topics/news", session.cookie()).body();
        assertThat(topic).contains("<dd id=\"count\">150</dd>").contains(users.get(0)).contains(users.get(99))
                .doesNotContain(users.get(100));
        java.util.regex.Matcher next = java.util.regex.Pattern.compile("id=\"next\" href=\"([^\"]+)\"").matcher(topic);
        assertThat(next.find()).isTrue();
        String rest = console.get(next.group(1).replace("&amp;", "&"), session.cookie()).body();
        assertThat(rest).contains(users.get(100)).contains(users.get(149)).doesNotContain(users.get(99))
                .doesNotContain("id=\"next\"");
        assertThat(console.get("/console/topics/nothing-here", session.cookie()).statusCode()).isEqualTo(404);
    }

    @Test
    void aTopicWithMoreSubscribersThanTheCapShowsTheCapAndAPlus() throws Exception {
        assertThat(admin.put("/api/v1/topics/big", "{\"name\":\"Big\"}").status()).isEqualTo(201);
        // Straight into the store: the page only counts, and ten thousand users through the API would be slow.
        stores.topics().change(tenant, "big", java.util.stream.IntStream.rangeClosed(0, 10_000)
                .mapToObj(i -> "b" + i).toList(), List.of());
        Signed session = console.signIn(adminKey);

        assertThat(console.get("/console/topics", session.cookie()).body())
                .contains("<td class=\"count\">10,000+</td>");
        assertThat(console.get("/console/topics/big", session.cookie()).body())
                .contains("<dd id=\"count\">10,000+</dd>");
    }

    @Test
    void aBroadcastsProgressIsShownAndAnAdminCancelsItWhileAReadKeyCannot() throws Exception {
        subscribe("later", 3);
        String id = scheduledBroadcast("later");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .until(() -> admin.get("/api/v1/broadcasts/" + id).body().get("planned").asLong() == 3);

        Signed reader = console.signIn(apiKeys.issue(tenant, "cs-reader", Set.of(Scope.READ)).secret());
        assertThat(console.get("/console/broadcasts", reader.cookie()).body()).contains("/console/broadcasts/" + id);
        String detail = console.get("/console/broadcasts/" + id, reader.cookie()).body();
        assertThat(detail).contains("<dd id=\"planned\">3</dd>").contains("<dd id=\"pending\">3</dd>")
                .contains("hx-get=\"/console/broadcasts/" + id + "/progress\"").doesNotContain("id=\"cancel\"");
        assertThat(console.get("/console/broadcasts/" + id + "/progress", reader.cookie()).body())
                .contains("<dd id=\"planned\">3</dd>").doesNotContain("<html");
        assertThat(console.get("/console/suppressions", reader.cookie()).body()).doesNotContain("add-suppression");
        console.submit(reader, "/console/broadcasts/" + id + "/cancel");
        console.submit(reader, "/console/suppressions", "address", "r-" + sfx + "@example.com");
        assertThat(admin.get("/api/v1/broadcasts/" + id).body().get("state").asString()).isEqualTo("PLANNED");
        assertThat(admin.get("/api/v1/suppressions").body().get("items")).isEmpty();

        Signed session = console.signIn(adminKey);
        assertThat(console.get("/console/broadcasts/" + id, session.cookie()).body()).contains("id=\"cancel\"");
        HttpResponse<String> cancelled = console.submit(session, "/console/broadcasts/" + id + "/cancel");
        assertThat(cancelled.headers().firstValue("Location").orElseThrow()).endsWith("/console/broadcasts/" + id);
        assertThat(console.follow(cancelled, session).body()).contains("<h1><span>Broadcast</span> <code>" + id)
                .contains("Cancelling: planning stopped");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .until(() -> admin.get("/api/v1/broadcasts/" + id).body().get("state").asString()
                        .equals("CANCELLED"));
        String done = console.get("/console/broadcasts/" + id, session.cookie()).body();
        assertThat(done).contains("<dd id=\"cancelled\">3</dd>").doesNotContain("hx-get=")
                .doesNotContain("id=\"cancel\"");
        assertThat(admin.get("/api/v1/audit?action=broadcast.cancelled").body().get("items")).hasSize(1);
    }

    @Test
    void anotherTenantsConsoleSeesAndChangesNoneOfIt() throws Exception {
        String address = "mine-" + sfx + "@example.com";
        assertThat(admin.post("/api/v1/suppressions", "{\"address\":\"" + address + "\"}").status()).isEqualTo(201);
        subscribe("private-" + sfx, 2);
        String id = scheduledBroadcast("private-" + sfx);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .until(() -> admin.get("/api/v1/broadcasts/" + id).body().get("planned").asLong() == 2);

        Signed other = console.signIn(otherTenantsAdminKey());
        assertThat(console.get("/console/suppressions", other.cookie()).body()).doesNotContain(address);
        assertThat(console.get("/console/topics", other.cookie()).body()).doesNotContain("private-" + sfx);
        assertThat(console.get("/console/topics/private-" + sfx, other.cookie()).statusCode()).isEqualTo(404);
        assertThat(console.get("/console/broadcasts", other.cookie()).body()).doesNotContain(id);
        assertThat(console.get("/console/broadcasts/" + id, other.cookie()).statusCode()).isEqualTo(404);
        assertThat(console.get("/console/broadcasts/" + id + "/progress", other.cookie()).statusCode())
                .isEqualTo(404);
        console.submit(other, "/console/broadcasts/" + id + "/cancel");
        assertThat(console.follow(console.submit(other, "/console/suppressions/remove", "address", address), other)
                .body()).contains("That address is not on the suppression list.");

        assertThat(admin.get("/api/v1/broadcasts/" + id).body().get("state").asString()).isEqualTo("PLANNED");
        assertThat(admin.get("/api/v1/suppressions").body().get("items")).hasSize(1);
    }

    @Test
    void everyConsoleAnswerCarriesTheSecurityHeaders() throws Exception {
        Signed session = console.signIn(adminKey);
        List<HttpResponse<String>> answers = List.of(console.get("/console/sign-in", null),
                console.get("/console", null), console.get("/console", session.cookie()),
                console.get("/console/suppressions", session.cookie()),
                console.get("/console/broadcasts/" + UUID.randomUUID(), session.cookie()),
                console.get("/console/no-such-page", session.cookie()),
                console.get("/console-assets/console.js", null));
        for (HttpResponse<String> answer : answers) {
            assertThat(answer.headers().firstValue("Content-Security-Policy")).as(answer.uri().toString())
                    .contains(ConsoleHeaders.POLICY);
            assertThat(answer.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
            assertThat(answer.headers().firstValue("X-Frame-Options")).contains("DENY");
            assertThat(answer.headers().firstValue("Referrer-Policy")).contains("same-origin");
        }
        assertThat(ConsoleHeaders.POLICY).contains("script-src 'self';").contains("frame-ancestors 'none'")
                .doesNotContain("unsafe-eval");
        // The API keeps its own answers: the console's policy is not put on JSON.
        assertThat(herald.get("/api/v1/topics").raw().headers().firstValue("Content-Security-Policy"))
                .isNotEqualTo(java.util.Optional.of(ConsoleHeaders.POLICY));
    }
}
