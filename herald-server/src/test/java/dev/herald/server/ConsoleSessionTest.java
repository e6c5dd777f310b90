package dev.herald.server;

import dev.herald.server.ConsoleHttp.Signed;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The console's sessions over plain HTTP: cookie flags, the key never in the browser, CSRF on every change, scopes,
 * a tampered, revoked or signed-out session refused, values escaped, Korean for a Korean browser, error pages in HTML,
 * and a type's rule saved through the form.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class ConsoleSessionTest {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry r) {
        r.add("herald.data-dir", () -> "target/test-data/console-session-" + UUID.randomUUID());
        r.add("herald.admin-key", () -> EmbeddedHeraldTest.ADMIN_KEY);
    }

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    HeraldClient herald;
    ConsoleHttp console;

    @BeforeEach
    void connect() {
        herald = new HeraldClient(port, EmbeddedHeraldTest.ADMIN_KEY);
        console = new ConsoleHttp(port);
    }

    private String rawGet(String path, String header) throws IOException {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
            socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n" + header
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private String issueKey(String... scopes) {
        String list = String.join(",", List.of(scopes).stream().map(s -> "\"" + s + "\"").toList());
        return herald.post("/api/v1/api-keys", "{\"name\":\"console-" + UUID.randomUUID() + "\",\"scopes\":["
                + list + "]}").body().get("key").asString();
    }

    @Test
    void signingInSetsAStrictHttpOnlySessionCookieThatHoldsNoKey() throws Exception {
        assertThat(console.get("/console", null).headers().firstValue("Location").orElseThrow()).endsWith("/console/sign-in");

        HttpResponse<String> signedIn = console.trySignIn(EmbeddedHeraldTest.ADMIN_KEY);
        assertThat(signedIn.statusCode()).isEqualTo(302);
        String cookie = ConsoleHttp.setCookie(signedIn, "herald_console");
        assertThat(cookie).contains("HttpOnly").contains("SameSite=Strict").contains("Path=/console")
                .doesNotContain("Secure").doesNotContain(EmbeddedHeraldTest.ADMIN_KEY)
                .doesNotContain(EmbeddedHeraldTest.ADMIN_KEY.substring(3, 20));
        assertThat(console.get("/console", cookie.split(";")[0]).body()).contains("Overview").contains("data-csrf=");
    }

    @Test
    void theSignInFormRefusesAPostWithoutItsOwnToken() throws Exception {
        HttpResponse<String> forged = console.post("/console/sign-in", null,
                "_csrf=x&key=" + ConsoleHttp.enc(EmbeddedHeraldTest.ADMIN_KEY));
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(ConsoleHttp.setCookie(forged, "herald_console")).isNull();

        assertThat(console.trySignIn("hk_live_unknown").statusCode()).isEqualTo(401);
        assertThat(console.trySignIn(issueKey("send")).statusCode()).isEqualTo(401);
    }

    @Test
    void everyChangeNeedsTheSessionsCsrfToken() throws Exception {
        Signed admin = console.signIn(EmbeddedHeraldTest.ADMIN_KEY);
        Signed other = console.signIn(EmbeddedHeraldTest.ADMIN_KEY);
        assertThat(admin.csrf()).isNotEqualTo(other.csrf());
        String path = "/console/dead-letters/" + UUID.randomUUID() + "/retry";

        assertThat(console.post(path, admin.cookie(), "").statusCode()).isEqualTo(403);
        assertThat(console.post(path, admin.cookie(), "_csrf=" + ConsoleHttp.enc(other.csrf())).statusCode()).isEqualTo(403);
        assertThat(console.post(path, admin.cookie(), "", "X-Herald-CSRF", other.csrf()).statusCode()).isEqualTo(403);
        assertThat(console.post(path, admin.cookie(), "_csrf=" + ConsoleHttp.enc(admin.csrf())).statusCode()).isEqualTo(302);
        assertThat(console.post(path, admin.cookie(), "", "X-Herald-CSRF", admin.csrf()).statusCode()).isEqualTo(302);
        assertThat(console.post("/console/sign-out", admin.cookie(), "").statusCode()).isEqualTo(403);
    }

    @Test
    void aTamperedSessionIsRefused() throws Exception {
        Signed admin = console.signIn(EmbeddedHeraldTest.ADMIN_KEY);
        String value = admin.cookie().substring(admin.cookie().indexOf('=') + 1);
        String[] parts = value.split("\\.");
        parts[3] = java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString("other".getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> tampered = console.get("/console", "herald_console=" + String.join(".", parts));
        assertThat(tampered.statusCode()).isEqualTo(302);
        assertThat(tampered.headers().firstValue("Location").orElseThrow()).endsWith("/console/sign-in");
        assertThat(console.get("/console/overview/live", "herald_console=garbage", "HX-Request", "true")
                .headers().firstValue("HX-Redirect").orElseThrow()).endsWith("/console/sign-in");
    }

    @Test
    void aReadKeySeesButDoesNotActAndItsSessionEndsWhenTheKeyIsRevoked() throws Exception {
        String readKey = issueKey("read");
        Signed reader = console.signIn(readKey);
        HttpResponse<String> dlq = console.get("/console/dead-letters", reader.cookie());
        assertThat(dlq.statusCode()).isEqualTo(403);
        assertThat(dlq.body()).contains("admin keys only");

        String keyId = herald.get("/api/v1/api-keys").body().get("items").findValues("prefix").stream()
                .filter(p -> readKey.startsWith(p.asString())).findFirst().map(p -> p).orElseThrow().asString();
        String id = herald.get("/api/v1/api-keys").body().get("items").valueStream()
                .filter(k -> k.get("prefix").asString().equals(keyId)).findFirst().orElseThrow().get("id")
                .asString();
        assertThat(herald.delete("/api/v1/api-keys/" + id).status()).isEqualTo(204);
        await().atMost(Duration.ofSeconds(10)).until(() -> console.get("/console", reader.cookie()).statusCode() == 302);
    }

    @Test
    void contentFromCallersIsEscapedNeverMarkup() throws Exception {
        String id = herald.post("/api/v1/notifications", """
                {"type":"console.escape","recipients":[{"phone":"+821055550000"}],"channels":["SMS"],
                 "content":{"body":"<script>alert('x')</script>"}}""").body().get("id").asString();
        Signed admin = console.signIn(EmbeddedHeraldTest.ADMIN_KEY);
        await().atMost(Duration.ofSeconds(20)).until(() -> console.get("/console/notifications/" + id, admin.cookie())
                .body().contains("message-text"));
        String page = console.get("/console/notifications/" + id, admin.cookie()).body();
        assertThat(page).contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;")
                .doesNotContain("<script>alert(");
    }

    @Test
    void anotherTenantsSessionSeesAndChangesNothingOfTheFirstAndOnlyTheOperatorSwitches() throws Exception {
        String tenantB = "console-" + UUID.randomUUID().toString().substring(0, 8);
        HeraldClient.Answer created = herald.post("/api/v1/tenants",
                "{\"id\":\"%s\",\"name\":\"B\"}".formatted(tenantB));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        String bKey = created.body().get("adminKey").get("key").asString();
        HeraldClient.Answer scheduled = herald.post("/api/v1/notifications", """
                {"type":"console.iso","recipients":[{"phone":"+821055550001"}],"channels":["SMS"],
                 "content":{"body":"A's"},"sendAt":"%s"}""".formatted(java.time.Instant.now().plus(Duration.ofHours(6))));
        assertThat(scheduled.status()).as(scheduled.text()).isEqualTo(202);
        String ofA = scheduled.body().get("id").asString();
        String ofB = herald.withKey(bKey).post("/api/v1/notifications", """
                {"type":"console.iso","recipients":[{"phone":"+821055550002"}],"channels":["SMS"],
                 "content":{"body":"B's"}}""").body().get("id").asString();

        Signed b = console.signIn(bKey);
        assertThat(console.get("/console/notifications/" + ofA, b.cookie()).statusCode()).isEqualTo(404);
        assertThat(console.post("/console/notifications/" + ofA + "/cancel", b.cookie(), "_csrf=" + ConsoleHttp.enc(b.csrf()))
                .statusCode()).isEqualTo(302);
        assertThat(herald.get("/api/v1/notifications/" + ofA).body().get("deliveries").get(0).get("status")
                .asString()).isEqualTo("SCHEDULED");
        // B's admin is no operator: asking to view the default tenant changes nothing.
        HttpResponse<String> refused = console.post("/console/tenant", b.cookie(),
                "_csrf=" + ConsoleHttp.enc(b.csrf()) + "&tenant=default");
        assertThat(ConsoleHttp.setCookie(refused, "herald_console")).isNull();
        assertThat(console.get("/console/notifications/" + ofB, b.cookie()).statusCode()).isEqualTo(200);

        Signed operator = console.signIn(EmbeddedHeraldTest.ADMIN_KEY);
        assertThat(console.get("/console/notifications/" + ofB, operator.cookie()).statusCode()).isEqualTo(404);
        HttpResponse<String> switched = console.post("/console/tenant", operator.cookie(),
                "_csrf=" + ConsoleHttp.enc(operator.csrf()) + "&tenant=" + tenantB);
        String viewingB = ConsoleHttp.setCookie(switched, "herald_console").split(";")[0];
        assertThat(console.get("/console/notifications/" + ofB, viewingB).statusCode()).isEqualTo(200);
        assertThat(console.get("/console/notifications/" + ofA, viewingB).statusCode()).isEqualTo(404);
        // The same session: its CSRF token still holds after the switch.
        assertThat(ConsoleHttp.first(ConsoleHttp.SESSION_CSRF, console.get("/console", viewingB).body())).isEqualTo(operator.csrf());
    }

    @Test
    void anEmailsHtmlIsShownOnlyInsideAnIframeThatMayRunNothing() throws Exception {
        String to = "html-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        assertThat(herald.post("/api/v1/notifications", """
                {"type":"console.html","recipients":[{"email":"%s"}],"channels":["EMAIL"],
                 "content":{"title":"Hi","body":"plain","html":"<p onclick=\\"x()\\">Hi</p><script>parent.x=1</script>"}}"""
                .formatted(to)).status()).isEqualTo(202);
        Signed admin = console.signIn(EmbeddedHeraldTest.ADMIN_KEY);
        await().atMost(Duration.ofSeconds(20)).until(() -> console.get("/console/sandbox?channel=EMAIL", admin.cookie())
                .body().contains(to));
        String page = console.get("/console/sandbox?channel=EMAIL", admin.cookie()).body();
        Matcher iframe = Pattern.compile("<iframe[^>]*>").matcher(page);
        assertThat(iframe.find()).isTrue();
        assertThat(iframe.group()).contains("sandbox=\"\"")
                .contains("srcdoc=\"&lt;p onclick=&quot;x()&quot;&gt;Hi&lt;/p&gt;&lt;script&gt;parent.x=1&lt;/script&gt;\"");
        assertThat(page).doesNotContain("<script>parent.x");
    }

    @Test
    void anotherTenantsAdminCannotRevokeAKeyOfTheFirstNorReadItsAuditLog() throws Exception {
        String tenantB = "console-" + UUID.randomUUID().toString().substring(0, 8);
        String bKey = herald.post("/api/v1/tenants", "{\"id\":\"%s\",\"name\":\"B\"}".formatted(tenantB))
                .body().get("adminKey").get("key").asString();
        HeraldClient.Answer issued = herald.post("/api/v1/api-keys",
                "{\"name\":\"a-reader\",\"scopes\":[\"read\"]}");
        String aKeyId = issued.body().get("id").asString();
        String aKey = issued.body().get("key").asString();

        Signed b = console.signIn(bKey);
        assertThat(console.get("/console/api-keys", b.cookie()).body()).doesNotContain(aKeyId);
        assertThat(console.post("/console/api-keys/" + aKeyId + "/revoke", b.cookie(), "_csrf=" + ConsoleHttp.enc(b.csrf()))
                .statusCode()).isEqualTo(302);
        assertThat(herald.withKey(aKey).get("/api/v1/dashboard/lanes").status()).isEqualTo(200);
        assertThat(console.get("/console/audit", b.cookie()).body()).doesNotContain(aKeyId).doesNotContain("api-key:");

        Signed a = console.signIn(EmbeddedHeraldTest.ADMIN_KEY);
        assertThat(console.get("/console/audit?action=api-key.created", a.cookie()).body()).contains("api-key:" + aKeyId);
        assertThat(console.post("/console/api-keys/" + aKeyId + "/revoke", a.cookie(), "_csrf=" + ConsoleHttp.enc(a.csrf()))
                .statusCode()).isEqualTo(302);
        await().atMost(Duration.ofSeconds(10)).until(() ->
                herald.withKey(aKey).get("/api/v1/dashboard/lanes").status() == 401);
    }

    @Test
    void aCookieCopiedBeforeSignOutIsRefusedAfterItAlsoForTheTenantSwitchedTo() throws Exception {
        String tenantB = "console-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(herald.post("/api/v1/tenants", "{\"id\":\"%s\",\"name\":\"B\"}".formatted(tenantB)).status())
                .isEqualTo(201);
        Signed operator = console.signIn(EmbeddedHeraldTest.ADMIN_KEY);
        Signed sameKeyOtherBrowser = console.signIn(EmbeddedHeraldTest.ADMIN_KEY);
        String copied = operator.cookie();
        String viewingB = ConsoleHttp.setCookie(console.post("/console/tenant", operator.cookie(),
                "_csrf=" + ConsoleHttp.enc(operator.csrf()) + "&tenant=" + tenantB), "herald_console").split(";")[0];
        assertThat(console.get("/console", viewingB).statusCode()).isEqualTo(200);

        HttpResponse<String> signedOut = console.post("/console/sign-out", viewingB, "_csrf=" + ConsoleHttp.enc(operator.csrf()));
        assertThat(signedOut.statusCode()).isEqualTo(302);
        assertThat(signedOut.headers().firstValue("Location").orElseThrow()).endsWith("/console/sign-in");
        assertThat(ConsoleHttp.setCookie(signedOut, "herald_console")).contains("Max-Age=0");

        // The browser dropped its cookie; a copy taken before (of either tenant's view) no longer signs anyone in.
        for (String replayed : List.of(copied, viewingB)) {
            HttpResponse<String> page = console.get("/console", replayed);
            assertThat(page.statusCode()).isEqualTo(302);
            assertThat(page.headers().firstValue("Location").orElseThrow()).endsWith("/console/sign-in");
            assertThat(console.get("/console/overview/live", replayed, "HX-Request", "true").headers()
                    .firstValue("HX-Redirect").orElseThrow()).endsWith("/console/sign-in");
        }
        // Only that session ended: the same key's other sessions and the key itself still work.
        assertThat(console.get("/console", sameKeyOtherBrowser.cookie()).statusCode()).isEqualTo(200);
        assertThat(herald.get("/api/v1/dashboard/lanes").status()).isEqualTo(200);
    }

    @Test
    void aConsoleErrorIsAnHtmlPageInTheConsoleWhileTheApiStaysProblemJson() throws Exception {
        Signed admin = console.signIn(EmbeddedHeraldTest.ADMIN_KEY);

        HttpResponse<String> unknownPage = console.get("/console/no-such-page", admin.cookie());
        assertThat(unknownPage.statusCode()).isEqualTo(404);
        assertThat(unknownPage.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        assertThat(unknownPage.body()).contains("There is no such page or item in this tenant.")
                .contains("id=\"sign-out\"").doesNotContain("Exception").doesNotContain("no such console page");

        // Broken percent-encoding, which no HTTP client of ours would send: written on the socket as it is.
        String badQuery = rawGet("/console/notifications?userId=%zz", "Cookie: " + admin.cookie());
        assertThat(badQuery).startsWith("HTTP/1.1 400").containsIgnoringCase("Content-Type: text/html")
                .contains("The request could not be read").doesNotContain("Exception").doesNotContain("at org.")
                .doesNotContain("\"status\"");

        HttpResponse<String> notAnId = console.get("/console/notifications/not-a-uuid", admin.cookie());
        assertThat(notAnId.statusCode()).isEqualTo(404);
        assertThat(notAnId.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");

        HttpResponse<String> korean = console.get("/console/no-such-page", admin.cookie(), "Accept-Language", "ko");
        assertThat(korean.body()).contains("이 테넌트에 해당 페이지나 항목이 없습니다.");

        assertThat(rawGet("/api/v1/notifications?userId=%zz", "Authorization: Bearer " + EmbeddedHeraldTest.ADMIN_KEY))
                .startsWith("HTTP/1.1 400").containsIgnoringCase("Content-Type: application/problem+json");
        HttpResponse<String> apiUnknown = console.get("/api/v1/notifications/not-a-uuid", null,
                "Authorization", "Bearer " + EmbeddedHeraldTest.ADMIN_KEY);
        assertThat(apiUnknown.statusCode()).isBetween(400, 404);
        assertThat(apiUnknown.headers().firstValue("Content-Type").orElseThrow())
                .startsWith("application/problem+json");
    }

    @Test
    void aTypeSavedThroughTheFormIsCheckedByTheApisRulesAndRefusedFieldsAreNamedOnTheForm() throws Exception {
        Signed admin = console.signIn(EmbeddedHeraldTest.ADMIN_KEY);
        String type = "console.form-" + UUID.randomUUID().toString().substring(0, 8);
        String base = "_csrf=" + ConsoleHttp.enc(admin.csrf()) + "&type=" + ConsoleHttp.enc(type);

        HttpResponse<String> refused = console.post("/console/types/save-form", admin.cookie(), base
                + "&channels=SMS&channels=PIGEON&everyChannel=true&priority=HIGH&recipientFields=buyerId&expiry=soon"
                + "&fixed.SLACK=" + ConsoleHttp.enc("not a url"));
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        assertThat(refused.body()).contains("channels[1]: unknown channel &#39;PIGEON&#39;")
                .contains("expiry: must be an ISO-8601 duration").contains("fixedRecipients.SLACK:")
                .contains("channels: must be left out when everyChannel is true")
                .contains("value=\"soon\"");
        assertThat(herald.get("/api/v1/types/" + type).status()).isEqualTo(404);

        HttpResponse<String> saved = console.post("/console/types/save-form", admin.cookie(), base
                + "&channels=SMS&channels=EMAIL&priority=HIGH&critical=true&recipientFields=" + ConsoleHttp.enc("buyerId, sellerId")
                + "&expiry=PT30M&dedupWindow=PT10M&fixed.SLACK=&fixed.EMAIL=");
        assertThat(saved.statusCode()).isEqualTo(302);
        HeraldClient.Answer stored = herald.get("/api/v1/types/" + type);
        assertThat(stored.body().get("channels").valueStream().map(c -> c.asString()).toList())
                .containsExactly("SMS", "EMAIL");
        assertThat(stored.body().get("priority").asString()).isEqualTo("HIGH");
        assertThat(stored.body().get("critical").asBoolean()).isTrue();
        assertThat(stored.body().get("recipientFields").valueStream().map(c -> c.asString()).toList())
                .containsExactly("buyerId", "sellerId");
        assertThat(stored.body().get("expiry").asString()).isEqualTo("PT30M");
        assertThat(console.get("/console/audit?action=type.created", admin.cookie()).body()).contains("type:" + type);

        // A read key sees the form but saving changes nothing; another tenant's admin saves its own type of that name.
        Signed reader = console.signIn(issueKey("read"));
        console.post("/console/types/save-form", reader.cookie(), "_csrf=" + ConsoleHttp.enc(reader.csrf()) + "&type=" + ConsoleHttp.enc(type)
                + "&channels=PUSH&priority=LOW");
        String tenantB = "console-" + UUID.randomUUID().toString().substring(0, 8);
        String bKey = herald.post("/api/v1/tenants", "{\"id\":\"%s\",\"name\":\"B\"}".formatted(tenantB))
                .body().get("adminKey").get("key").asString();
        Signed b = console.signIn(bKey);
        assertThat(console.post("/console/types/save-form", b.cookie(), "_csrf=" + ConsoleHttp.enc(b.csrf()) + "&type=" + ConsoleHttp.enc(type)
                + "&channels=PUSH&priority=LOW&recipientFields=userId").statusCode()).isEqualTo(302);
        assertThat(herald.get("/api/v1/types/" + type).body().get("priority").asString()).isEqualTo("HIGH");
        assertThat(herald.withKey(bKey).get("/api/v1/types/" + type).body().get("priority").asString())
                .isEqualTo("LOW");
    }

    @Test
    void theFormRefusesToSaveOverAWorkflowsStepsWhichTheJsonEditorShows() throws Exception {
        Signed admin = console.signIn(EmbeddedHeraldTest.ADMIN_KEY);
        String type = "console.flow-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(herald.put("/api/v1/types/" + type, """
                {"steps":[{"send":"IN_APP"},{"wait":"PT15M","until":"READ"},{"send":"EMAIL","unless":"READ"}]}""")
                .status()).isEqualTo(201);

        HttpResponse<String> refused = console.post("/console/types/save-form", admin.cookie(), "_csrf=" + ConsoleHttp.enc(admin.csrf())
                + "&type=" + ConsoleHttp.enc(type) + "&channels=EMAIL&priority=NORMAL&recipientFields=userId");

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("steps: this type sends through workflow steps")
                .contains("&quot;until&quot; : &quot;READ&quot;");
        assertThat(herald.get("/api/v1/types/" + type).body().get("steps")).hasSize(3);
    }

    @Test
    void aKoreanBrowserGetsKorean() throws Exception {
        assertThat(console.get("/console/sign-in", null, "Accept-Language", "ko-KR,ko;q=0.9").body()).contains("Herald 로그인");
        assertThat(console.get("/console/sign-in", null, "Accept-Language", "en-US").body()).contains("Sign in to Herald");
    }

    /** A notification on the lane accepted at {@code accepted} and sent {@code millis} later, written as rows. */
    private void sentRow(String tenant, String lane, Instant accepted, long millis) {
        UUID notification = UUID.randomUUID();
        OffsetDateTime at = OffsetDateTime.ofInstant(accepted, ZoneOffset.UTC);
        jdbc.update("INSERT INTO notification (id, tenant_id, type, priority, created_at) VALUES (?, ?, ?, ?, ?)",
                notification, tenant, "latency.test", lane, at);
        jdbc.update("""
                INSERT INTO delivery (id, tenant_id, notification_id, type, channel, lane, user_id, address, status,
                                      attempts, created_at, updated_at, sent_at)
                VALUES (?, ?, ?, 'latency.test', 'EMAIL', ?, 'ann', 'ann@example.com', 'SENT', 1, ?, ?, ?)""",
                UUID.randomUUID(), tenant, notification, lane, at, at, at.plusNanos(millis * 1_000_000));
    }

    private static List<String> cellsOfRow(String page, String rowId) {
        Matcher row = Pattern.compile("<tr[^>]*id=\"" + rowId + "\"[^>]*>(.*?)</tr>", Pattern.DOTALL).matcher(page);
        assertThat(row.find()).as("row %s in page", rowId).isTrue();
        return Pattern.compile("<td[^>]*>([^<]*)</td>").matcher(row.group(1)).results().map(m -> m.group(1).trim())
                .toList();
    }

    private String newTenantAdminKey(String prefix) {
        String tenant = prefix + UUID.randomUUID().toString().substring(0, 8);
        HeraldClient.Answer created = herald.post("/api/v1/tenants",
                "{\"id\":\"%s\",\"name\":\"%s\"}".formatted(tenant, prefix));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return tenant + " " + created.body().get("adminKey").get("key").asString();
    }

    @Test
    void theOverviewShowsEachLanesAcceptToSentPercentilesOverTodaysSample() throws Exception {
        String[] tenantAndKey = newTenantAdminKey("lat-").split(" ");
        // Accepted a second ago: today in UTC unless the test straddles midnight.
        Instant accepted = Instant.now().minusSeconds(1);
        for (long millis : new long[]{120, 80, 2_000, 400}) {
            sentRow(tenantAndKey[0], "HIGH", accepted, millis);
        }
        sentRow(tenantAndKey[0], "LOW", accepted, 30_000);

        Signed admin = console.signIn(tenantAndKey[1]);
        String overview = console.get("/console", admin.cookie()).body();

        // HIGH's sample sorted: 80, 120, 400, 2000 -> p50 the 2nd, p95 the 4th.
        assertThat(cellsOfRow(overview, "latency-HIGH")).containsExactly("HIGH", "120", "2000", "4");
        assertThat(cellsOfRow(overview, "latency-LOW")).containsExactly("LOW", "30000", "30000", "1");
        assertThat(cellsOfRow(overview, "latency-CRITICAL")).containsExactly("CRITICAL", "–", "–", "0");
        assertThat(overview).contains("last 1,000 notifications accepted today");
        assertThat(cellsOfRow(console.get("/console/overview/live", admin.cookie()).body(), "latency-HIGH"))
                .containsExactly("HIGH", "120", "2000", "4");
        JsonNode high = herald.withKey(tenantAndKey[1]).get("/api/v1/dashboard/lanes").body().get("lanes").get(1);
        assertThat(high.get("lane").asString()).isEqualTo("HIGH");
        assertThat(high.get("acceptToSent").get("sample").asInt()).isEqualTo(4);
        assertThat(high.get("acceptToSent").get("p50Millis").asLong()).isEqualTo(120);
        assertThat(high.get("acceptToSent").get("p95Millis").asLong()).isEqualTo(2000);
        // Another tenant's overview has none of it.
        Signed operator = console.signIn(EmbeddedHeraldTest.ADMIN_KEY);
        assertThat(cellsOfRow(console.get("/console", operator.cookie()).body(), "latency-LOW").get(1)).isNotEqualTo("30000");
    }

    @Test
    void notificationsAreSearchedAcrossUsersByEachFilterAndABadFilterIsAMessage() throws Exception {
        String[] tenantAndKey = newTenantAdminKey("find-").split(" ");
        HeraldClient d = herald.withKey(tenantAndKey[1]);
        for (String user : List.of("ann", "bob")) {
            assertThat(d.put("/api/v1/users/" + user, "{\"email\":\"%s@example.com\"}".formatted(user)).status())
                    .isEqualTo(201);
        }
        String later = Instant.now().plus(Duration.ofHours(6)).toString();
        String annA = scheduled(d, "search.a", "ann", later);
        String bobB = scheduled(d, "search.b", "bob", later);
        String bobA = scheduled(d, "search.a", "bob", later);
        assertThat(d.delete("/api/v1/notifications/" + bobA).status()).isEqualTo(200);

        Signed signed = console.signIn(tenantAndKey[1]);
        assertThat(console.get("/console/notifications", signed.cookie()).body()).contains(annA, bobB, bobA);
        String byUser = console.get("/console/notifications?userId=ann", signed.cookie()).body();
        assertThat(byUser).contains(annA).doesNotContain(bobB, bobA);
        String byType = console.get("/console/notifications?type=search.a", signed.cookie()).body();
        assertThat(byType).contains(annA, bobA).doesNotContain(bobB);
        String byStatus = console.get("/console/notifications?status=CANCELLED&channel=EMAIL", signed.cookie()).body();
        assertThat(byStatus).contains(bobA).doesNotContain(annA, bobB);
        String byTime = console.get("/console/notifications?until=2020-01-01T00:00", signed.cookie()).body();
        assertThat(byTime).contains("Nothing matches.").doesNotContain(annA);
        assertThat(console.get("/console/notifications", console.signIn(EmbeddedHeraldTest.ADMIN_KEY).cookie()).body())
                .doesNotContain(annA, bobB, bobA);

        for (String bad : List.of("status=PIGEON", "channel=PIGEON", "since=yesterday", "cursor=not-a-cursor",
                "userId=" + "u".repeat(201))) {
            HttpResponse<String> refused = console.get("/console/notifications?" + bad, signed.cookie());
            assertThat(refused.statusCode()).as(bad).isEqualTo(400);
            assertThat(refused.body()).as(bad).contains("Could not read the field &quot;" + bad.split("=")[0])
                    .doesNotContain(annA);
        }
    }

    private static String scheduled(HeraldClient as, String type, String user, String sendAt) {
        HeraldClient.Answer answer = as.post("/api/v1/notifications", """
                {"type":"%s","recipients":["%s"],"channels":["EMAIL"],"content":{"title":"t","body":"b"},
                 "sendAt":"%s"}""".formatted(type, user, sendAt));
        assertThat(answer.status()).as(answer.text()).isEqualTo(202);
        return answer.body().get("id").asString();
    }
}
