package dev.herald.server;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.AriaRole;
import dev.herald.server.console.ConsoleFilter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The console in a real browser: Debian's Chromium (never a downloaded one) driven headless by Playwright against a
 * running Herald. One browser for the class, a fresh context (cookies) per test. Screenshots of each page go to
 * {@code target/console-screenshots/}. Skipped, saying so, only where {@value #CHROMIUM} is missing; CI installs it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class ConsoleBrowserTest {
    static final String CHROMIUM = "/usr/bin/chromium";
    static final Path SHOTS = Paths.get("target", "console-screenshots");
    private static final int SMTP_PORT = freePort();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry r) {
        r.add("herald.data-dir", () -> "target/test-data/console-browser-" + UUID.randomUUID());
        r.add("herald.admin-key", () -> EmbeddedHeraldTest.ADMIN_KEY);
        r.add("herald.providers.smtp[0].host", () -> "127.0.0.1");
        r.add("herald.providers.smtp[0].port", () -> SMTP_PORT);
        r.add("herald.providers.smtp[0].guards.minimum-calls", () -> "1000");
        r.add("herald.retry.channels.email.max-attempts", () -> "2");
        r.add("herald.retry.channels.email.initial-backoff", () -> "50ms");
    }

    static Playwright playwright;
    static Browser browser;

    @LocalServerPort
    int port;
    HeraldClient herald;
    BrowserContext context;
    Page page;
    GreenMail smtp;

    @BeforeAll
    static void startBrowser() throws IOException {
        assumeTrue(Files.isExecutable(Paths.get(CHROMIUM)),
                "Chromium is not installed at " + CHROMIUM + " (apt-get install chromium); the console's browser"
                        + " tests are skipped here. CI installs it, so they run there.");
        Files.createDirectories(SHOTS);
        // Never a browser download: the driver is told to skip it, and the system's Chromium is launched by path.
        playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(Paths.get(CHROMIUM)).setHeadless(true));
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.close();
        }
        if (playwright != null) {
            playwright.close();
        }
    }

    @BeforeEach
    void open() {
        herald = new HeraldClient(port, EmbeddedHeraldTest.ADMIN_KEY);
        context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 860)
                .setLocale("en-US"));
        page = context.newPage();
        page.setDefaultTimeout(15_000);
    }

    @AfterEach
    void close() {
        context.close();
        if (smtp != null) {
            smtp.stop();
        }
    }

    private String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    private void signIn(String key) {
        page.navigate(url("/console"));
        assertThat(page).hasURL(Pattern.compile(".*/console/sign-in$"));
        page.getByLabel("API key").fill(key);
        page.locator("#sign-in").click();
        assertThat(page).hasURL(Pattern.compile(".*/console$"));
    }

    private void shot(String name) {
        page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve(name + ".png")).setFullPage(true));
    }

    private String send(String json) {
        HeraldClient.Answer answer = herald.post("/api/v1/notifications", json);
        assertThat(answer.status()).isEqualTo(202);
        return answer.body().get("id").asString();
    }

    @Test
    void anOperatorSignsInAndFollowsASentNotificationsTimelineWhereContentIsText() {
        String id = send("""
                {"type":"console.xss","recipients":[{"phone":"+821012345678"}],"channels":["SMS"],
                 "content":{"body":"<script>window.pwned = true</script><b>bold?</b>"}}""");
        await().atMost(Duration.ofSeconds(20)).until(() -> herald.get("/api/v1/notifications/" + id).body()
                .get("deliveries").get(0).get("status").asString().equals("SENT"));

        page.navigate(url("/console/sign-in"));
        shot("sign-in");
        signIn(EmbeddedHeraldTest.ADMIN_KEY);
        assertThat(page.locator("h1")).hasText("Overview");
        assertThat(page.locator("#live")).containsText("SMS");
        shot("overview");

        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Notifications")).first().click();
        page.getByLabel("Notification id").fill(id);
        page.locator("#search").click();
        assertThat(page).hasURL(Pattern.compile(".*/console/notifications/" + id + "$"));
        assertThat(page.locator(".delivery .status")).hasText("SENT");
        assertThat(page.locator(".timeline")).containsText("QUEUED");
        assertThat(page.locator(".timeline")).containsText("SENT");
        // The message shows exactly as written: as text, never as markup, and its script never ran.
        assertThat(page.locator("pre.message-text"))
                .hasText("<script>window.pwned = true</script><b>bold?</b>");
        assertThat(page.locator("pre.message-text b")).hasCount(0);
        assertThat(page.evaluate("() => window.pwned === undefined")).isEqualTo(true);
        shot("notification");

        page.navigate(url("/console/notifications?userId=nobody"));
        shot("notifications");
        page.navigate(url("/console/sandbox?channel=SMS"));
        assertThat(page.locator(".phone .bubble").first())
                .hasText("<script>window.pwned = true</script><b>bold?</b>");
        shot("sandbox");
        for (String other : List.of("providers", "api-keys", "audit")) {
            page.navigate(url("/console/" + other));
            assertThat(page.locator("h1")).isVisible();
            shot(other);
        }
        assertThat(page.evaluate("() => window.pwned === undefined")).isEqualTo(true);
    }

    @Test
    void anOperatorFiltersNotificationsAcrossUsersAndABadFilterIsAMessage() {
        String type = "browser.find" + UUID.randomUUID().toString().substring(0, 8);
        String later = java.time.Instant.now().plus(Duration.ofHours(6)).toString();
        String wanted = send("""
                {"type":"%s","recipients":[{"email":"ann@example.com"}],"channels":["EMAIL"],
                 "content":{"title":"t","body":"b"},"sendAt":"%s"}""".formatted(type, later));
        String otherType = send("""
                {"type":"%s.other","recipients":[{"email":"bob@example.com"}],"channels":["EMAIL"],
                 "content":{"title":"t","body":"b"},"sendAt":"%s"}""".formatted(type, later));

        signIn(EmbeddedHeraldTest.ADMIN_KEY);
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Notifications")).first().click();
        assertThat(page.locator("#results")).containsText(type);
        page.locator("#type").fill(type);
        page.locator("#status").selectOption("SCHEDULED");
        page.locator("#channel").selectOption("EMAIL");
        page.locator("#search").click();
        assertThat(page.locator("#results tbody tr")).hasCount(1);
        assertThat(page.locator("#results a[href$='" + wanted + "']")).isVisible();
        assertThat(page.locator("#results a[href$='" + otherType + "']")).hasCount(0);
        shot("notifications-filtered");
        page.locator("#status").selectOption("SENT");
        page.locator("#search").click();
        assertThat(page.locator("#results")).hasCount(0);
        assertThat(page.locator("main")).containsText("Nothing matches.");

        page.navigate(url("/console/notifications?since=yesterday&type=" + type));
        assertThat(page.getByRole(AriaRole.ALERT)).hasText("Could not read the field \"since\".");
        assertThat(page.locator("#type")).hasValue(type);
    }

    @Test
    void aDeadLetterRetriedFromTheConsoleBecomesSent() {
        String id = send("""
                {"type":"console.dlq","recipients":[{"email":"ann@example.com"}],"channels":["EMAIL"],
                 "content":{"body":"hi"}}""");
        await().atMost(Duration.ofSeconds(20)).until(() -> herald.get("/api/v1/notifications/" + id).body()
                .get("deliveries").get(0).get("status").asString().equals("DEAD"));
        String deliveryId = herald.get("/api/v1/notifications/" + id).body().get("deliveries").get(0).get("id")
                .asString();
        smtp = new GreenMail(new ServerSetup(SMTP_PORT, "127.0.0.1", "smtp"));
        smtp.start();

        signIn(EmbeddedHeraldTest.ADMIN_KEY);
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Dead letters")).first().click();
        assertThat(page.locator("#letter-" + deliveryId)).containsText("console.dlq");
        shot("dead-letters");
        page.locator("#retry-all").click();
        assertThat(page.locator("#confirm-text")).containsText("Retry 1 dead letters");
        shot("retry-all");
        page.goBack();
        page.locator("#letter-" + deliveryId + " button.retry").click();
        assertThat(page.locator(".flash")).hasText("Sent back to its lane.");
        assertThat(page.locator("#letter-" + deliveryId)).hasCount(0);

        page.navigate(url("/console/notifications/" + id));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            page.reload();
            assertThat(page.locator(".delivery .status")).hasText("SENT");
        });
        assertThat(smtp.getReceivedMessages()).hasSize(1);
    }

    @Test
    void signingOutEndsTheSessionAndThePagesRefuseUntilSignedInAgain() {
        signIn(EmbeddedHeraldTest.ADMIN_KEY);
        List<String> cookies = context.cookies().stream().map(c -> c.name + "=" + c.value).toList();
        assertThat(cookies).noneMatch(c -> c.contains(EmbeddedHeraldTest.ADMIN_KEY));
        assertThat(context.cookies().stream().filter(c -> c.name.equals(ConsoleFilter.COOKIE)).findFirst()
                .orElseThrow().httpOnly).isTrue();

        List<com.microsoft.playwright.options.Cookie> copied = context.cookies();

        page.locator("#sign-out").click();
        assertThat(page).hasURL(Pattern.compile(".*/console/sign-in$"));
        page.navigate(url("/console/dead-letters"));
        assertThat(page).hasURL(Pattern.compile(".*/console/sign-in$"));
        // A copy of the cookie taken before signing out (another profile, a stolen one) is refused as well.
        context.addCookies(copied);
        page.navigate(url("/console/dead-letters"));
        assertThat(page).hasURL(Pattern.compile(".*/console/sign-in$"));

        page.getByLabel("API key").fill("hk_live_not-a-key");
        page.locator("#sign-in").click();
        assertThat(page.locator(".error")).hasText("Unknown, revoked or expired API key.");
    }

    @Test
    void aTemplateEditedInTheConsolePreviewsAsTypedAndRollsBack() {
        signIn(EmbeddedHeraldTest.ADMIN_KEY);
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Templates")).first().click();
        page.getByLabel("Type").fill("console.welcome");
        page.locator("#channel").selectOption("EMAIL");
        page.locator("#open-template").click();
        assertThat(page.locator("#versions")).hasCount(0);

        page.getByLabel("Sample data (JSON)").fill("{\"name\": \"Ann\"}");
        page.getByLabel("Subject").fill("Welcome {{name}}");
        page.getByLabel("Text").fill("Hello {{name}}, <nice> to see you");
        assertThat(page.locator("#preview-text")).hasText("Hello Ann, <nice> to see you");
        assertThat(page.locator("#preview-subject")).hasText("Welcome Ann");
        page.locator("#save-template").click();
        assertThat(page.locator(".flash")).hasText("Saved as version 1, now active.");

        page.getByLabel("Text").fill("Bye {{name}}");
        assertThat(page.locator("#preview-text")).hasText("Bye Ann");
        page.getByLabel("Text").fill("Bye {{#name}} never closed");
        assertThat(page.locator("#preview .error").first()).containsText("text");
        page.getByLabel("Text").fill("Bye {{name}}");
        page.locator("#save-template").click();
        assertThat(page.locator(".flash")).hasText("Saved as version 2, now active.");
        shot("templates");

        page.locator("#versions button.activate").click();
        assertThat(page.locator(".flash")).hasText("Version 1 is active again.");
        assertThat(herald.post("/api/v1/templates/preview", """
                {"type":"console.welcome","channel":"EMAIL","data":{"name":"Bo"}}""").body().get("text").asString())
                .isEqualTo("Hello Bo, <nice> to see you");
    }

    @Test
    void aTypesRoutingRuleIsCreatedAndRefusedWhenWrongFromTheConsole() {
        signIn(EmbeddedHeraldTest.ADMIN_KEY);
        page.navigate(url("/console/types"));
        page.getByLabel("Type").fill("console.route");
        page.locator("#open-type").click();
        page.locator("#advanced summary").click();
        page.locator("#rule").fill("{\"channels\": [\"SMS\", \"PIGEON\"], \"recipientFields\": [\"userId\"]}");
        page.locator("#save-type").click();
        assertThat(page.locator(".error").first()).containsText("channels");
        assertThat(herald.get("/api/v1/types/console.route").status()).isEqualTo(404);

        page.locator("#rule").fill("{\"channels\": [\"SMS\"], \"recipientFields\": [\"userId\"], \"priority\": \"high\"}");
        page.locator("#save-type").click();
        assertThat(page.locator(".flash")).hasText("Type created.");
        assertThat(page.locator("#types")).containsText("console.route");
        shot("types");
        assertThat(herald.get("/api/v1/types/console.route").body().get("priority").asString()).isEqualTo("HIGH");
    }

    @Test
    void aTypesChannelsAreEditedThroughTheFormAndAWrongFieldIsNamedBesideIt() {
        assertThat(herald.put("/api/v1/types/console.form", """
                {"channels": ["EMAIL"], "recipientFields": ["userId"]}""").status()).isEqualTo(201);
        signIn(EmbeddedHeraldTest.ADMIN_KEY);
        page.navigate(url("/console/types?type=console.form"));
        assertThat(page.locator("#channel-EMAIL")).isChecked();
        assertThat(page.locator("#channel-SMS")).not().isChecked();
        assertThat(page.locator("#advanced")).not().hasAttribute("open", "");

        page.locator("#channel-EMAIL").uncheck();
        page.locator("#channel-SMS").check();
        page.locator("#channel-PUSH").check();
        page.locator("#priority").selectOption("HIGH");
        page.locator("#expiry").fill("half an hour");
        page.locator("#save-type-form").click();
        assertThat(page.locator("#error-expiry")).containsText("expiry");
        // Refused as typed: the choices are still there to fix, and nothing was saved.
        assertThat(page.locator("#channel-SMS")).isChecked();
        assertThat(page.locator("#expiry")).hasValue("half an hour");
        assertThat(herald.get("/api/v1/types/console.form").body().get("priority").asString()).isEqualTo("NORMAL");
        shot("types-form-refused");

        page.locator("#expiry").fill("PT30M");
        page.locator("#save-type-form").click();
        assertThat(page.locator(".flash")).hasText("Type saved.");
        assertThat(page.locator("#channel-SMS")).isChecked();
        assertThat(page.locator("#channel-EMAIL")).not().isChecked();
        shot("types-form");
        HeraldClient.Answer stored = herald.get("/api/v1/types/console.form");
        assertThat(stored.body().get("channels").valueStream().map(c -> c.asString()).toList())
                .containsExactly("SMS", "PUSH");
        assertThat(stored.body().get("priority").asString()).isEqualTo("HIGH");
    }

    @Test
    void aPhoneSizedScreenGetsTheSamePagesInOneColumn() {
        page.setViewportSize(390, 844);
        signIn(EmbeddedHeraldTest.ADMIN_KEY);
        assertThat(page.locator("#live")).isVisible();
        // Nothing wider than the screen but the tables, which scroll inside their cards.
        assertThat(page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")).isEqualTo(true);
        page.keyboard().press("Tab");
        assertThat(page.locator(":focus")).hasText("Skip to content");
        shot("overview-phone");
    }

    @Test
    void anOperatorAddsAndRemovesASuppressionAndABadAddressIsNamedOnTheForm() {
        String address = "browser-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        signIn(EmbeddedHeraldTest.ADMIN_KEY);
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Suppressions")).first().click();
        assertThat(page.locator("h1")).hasText("Suppressions");

        page.locator("#address").fill("not an address");
        page.locator("#add").click();
        assertThat(page.locator(".add-error").first()).containsText("address: must be an email address");
        assertThat(page.locator("#address")).hasValue("not an address");

        page.locator("#address").fill(address);
        page.locator("#add-reason").selectOption("COMPLAINT");
        page.locator("#add").click();
        assertThat(page.locator(".flash")).hasText("Added to the suppression list.");
        assertThat(page.locator("#suppressions tr", new Page.LocatorOptions().setHasText(address)))
                .containsText("COMPLAINT");
        shot("suppressions");
        page.locator("#reason").selectOption("HARD_BOUNCE");
        page.locator("#filter").click();
        assertThat(page.locator("main")).not().containsText(address);
        page.locator("#reason").selectOption("COMPLAINT");
        page.locator("#filter").click();
        page.locator("#suppressions tr", new Page.LocatorOptions().setHasText(address)).locator("button.remove")
                .click();
        assertThat(page.locator(".flash")).hasText("Removed from the suppression list; Herald sends to it again.");
        assertThat(page.locator("main")).not().containsText(address);
        assertThat(herald.get("/api/v1/suppressions?address=" + address).body().get("items")).isEmpty();
    }

    @Test
    void anOperatorFollowsABroadcastFromItsTopicToItsFinishedProgressAndCancelsAnother() {
        String sfx = UUID.randomUUID().toString().substring(0, 8);
        String topic = "browser-" + sfx;
        assertThat(herald.put("/api/v1/topics/" + topic, "{\"name\":\"Browser news\"}").status()).isEqualTo(201);
        List<String> users = List.of("ann-" + sfx, "bob-" + sfx, "cho-" + sfx);
        for (String user : users) {
            assertThat(herald.put("/api/v1/users/" + user, "{\"email\":\"" + user + "@example.com\"}").status())
                    .isIn(200, 201);
        }
        assertThat(herald.post("/api/v1/topics/" + topic + "/subscribers",
                "{\"add\":[\"" + String.join("\",\"", users) + "\"]}").status()).isEqualTo(200);
        String now = herald.post("/api/v1/notifications", """
                {"type":"browser.news","topic":"%s","channels":["IN_APP"],"content":{"body":"now"}}"""
                .formatted(topic)).body().get("broadcastId").asString();
        String later = herald.post("/api/v1/notifications", """
                {"type":"browser.later","topic":"%s","channels":["IN_APP"],"content":{"body":"later"},"sendAt":"%s"}"""
                .formatted(topic, java.time.Instant.now().plus(Duration.ofHours(2)))).body().get("broadcastId")
                .asString();

        signIn(EmbeddedHeraldTest.ADMIN_KEY);
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Topics")).first().click();
        assertThat(page.locator("#topic-" + topic + " .count")).hasText("3");
        page.locator("#topic-" + topic + " a").click();
        assertThat(page.locator("#subscribers li")).hasCount(3);
        shot("topic");

        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Broadcasts")).first().click();
        assertThat(page.locator("#broadcast-" + now)).containsText(topic);
        shot("broadcasts");
        page.locator("#broadcast-" + now + " a").first().click();
        // The progress card refreshes itself while the broadcast moves: no reload needed to see it finish.
        assertThat(page.locator("#state")).hasText("DONE", new com.microsoft.playwright.assertions
                .LocatorAssertions.HasTextOptions().setTimeout(60_000));
        assertThat(page.locator("#planned")).hasText("3");
        assertThat(page.locator("#sent")).hasText("3");
        assertThat(page.locator("#suppressed")).hasText("0");
        assertThat(page.locator("#failed")).hasText("0");
        assertThat(page.locator("#cancel")).hasCount(0);
        shot("broadcast");

        page.navigate(url("/console/broadcasts/" + later));
        assertThat(page.locator("#planned")).hasText("3", new com.microsoft.playwright.assertions
                .LocatorAssertions.HasTextOptions().setTimeout(60_000));
        page.locator("#cancel").click();
        assertThat(page.locator(".flash")).containsText("Cancelling");
        assertThat(page.locator("#state")).hasText("CANCELLED", new com.microsoft.playwright.assertions
                .LocatorAssertions.HasTextOptions().setTimeout(60_000));
        assertThat(page.locator("#cancelled")).hasText("3");
    }

    @Test
    void everyConsolePageWorksUnderItsContentSecurityPolicy() {
        List<String> refused = new java.util.concurrent.CopyOnWriteArrayList<>();
        page.onConsoleMessage(m -> {
            if (m.text().contains("Content Security Policy") || m.text().contains("Refused to")) {
                refused.add(m.text());
            }
        });
        page.onPageError(e -> refused.add(e));
        signIn(EmbeddedHeraldTest.ADMIN_KEY);
        // The overview's chart is drawn by console.js and Chart.js, its live section by htmx: all from Herald.
        await().atMost(Duration.ofSeconds(15)).until(() -> Boolean.TRUE.equals(page.evaluate(
                "() => !!window.htmx && !!window.Chart && !!window.Chart.getChart(document.querySelector('canvas.chart'))")));
        for (String path : List.of("/console/notifications", "/console/dead-letters", "/console/suppressions",
                "/console/topics", "/console/broadcasts", "/console/types", "/console/sandbox",
                "/console/providers", "/console/api-keys", "/console/audit", "/console/no-such-page")) {
            page.navigate(url(path));
            assertThat(page.locator("h1, .error").first()).isVisible();
        }
        // An email's HTML in the template preview: a sandboxed srcdoc frame that inherits the policy; its inline
        // style and data: image still show, its script still does not run.
        page.navigate(url("/console/templates?type=console.csp&channel=EMAIL&locale=default"));
        page.getByLabel("HTML").fill("<p id=\"hi\" style=\"color: rgb(200, 0, 0)\">Hi {{name}}</p>"
                + "<img alt=\"dot\" src=\"data:image/gif;base64,R0lGODlhAQABAAAAACw=\"><script>parent.x=1</script>");
        page.getByLabel("Sample data (JSON)").fill("{\"name\": \"Ann\"}");
        assertThat(page.frameLocator("iframe.email").locator("#hi")).hasText("Hi Ann");
        assertThat(page.frameLocator("iframe.email").locator("#hi")).hasCSS("color", "rgb(200, 0, 0)");
        assertThat(page.evaluate("() => window.x === undefined")).isEqualTo(true);
        assertThat(refused).as("refused by the console's policy").isEmpty();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
