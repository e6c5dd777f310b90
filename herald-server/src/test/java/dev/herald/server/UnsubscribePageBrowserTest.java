package dev.herald.server;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.Response;
import dev.herald.core.audit.UserPseudonyms;
import dev.herald.core.model.TenantId;
import dev.herald.server.HeraldClient.Answer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The hosted preference page of an unsubscribe link in a real browser, driven as {@link ConsoleBrowserTest} drives
 * the console: Debian's Chromium, headless, through Playwright; screenshots in {@code target/console-screenshots/}.
 * The link comes from a real email (GreenMail) and is opened on the local server by its path.
 */
class UnsubscribePageBrowserTest extends UnsubscribeHeraldTest {
    static Playwright playwright;
    static Browser browser;

    @Autowired
    UserPseudonyms pseudonyms;
    BrowserContext context;
    Page page;

    @BeforeAll
    static void startBrowser() throws IOException {
        assumeTrue(Files.isExecutable(Paths.get(ConsoleBrowserTest.CHROMIUM)),
                "Chromium is not installed at " + ConsoleBrowserTest.CHROMIUM + " (apt-get install chromium); the"
                        + " preference page's browser tests are skipped here. CI installs it, so they run there.");
        Files.createDirectories(ConsoleBrowserTest.SHOTS);
        playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(Paths.get(ConsoleBrowserTest.CHROMIUM)).setHeadless(true));
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

    @AfterEach
    void closeContext() {
        if (context != null) {
            context.close();
        }
    }

    private void openBrowser(String locale) {
        context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1000, 900).setLocale(locale));
        page = context.newPage();
        page.setDefaultTimeout(15_000);
    }

    /** The local address of the link in the user's latest email of promo.weekly. */
    private String linkFor(String user) throws Exception {
        String subject = "Deals for " + user;
        send("promo.weekly", user, subject);
        return "http://127.0.0.1:" + port + httpsLink(received(subject)).getRawPath();
    }

    private void shot(String name) {
        page.screenshot(new Page.ScreenshotOptions().setPath(ConsoleBrowserTest.SHOTS.resolve(name + ".png"))
                .setFullPage(true));
    }

    @Test
    void aUserOpensTheLinkSwitchesAChannelOffSetsQuietHoursSavesAndUnsubscribes() throws Exception {
        String fay = newUser(herald, "fay", null);
        String link = linkFor(fay);
        openBrowser("en-US");

        Response opened = page.navigate(link);
        assertThat(opened.status()).isEqualTo(200);
        assertThat(opened.headerValue("content-security-policy")).contains("default-src 'none'")
                .doesNotContain("script-src");
        assertThat(opened.headerValue("referrer-policy")).isEqualTo("no-referrer");
        assertThat(page.locator("h1")).hasText("Notification preferences");
        assertThat(page.locator("#this-type")).containsText("promo.weekly");
        assertThat(page.locator("input[value='promo.weekly|EMAIL']")).isChecked();
        assertThat(page.locator("input[value='promo.weekly|SMS']")).isChecked();
        assertThat(page.locator("input[value='security.alert|EMAIL']")).isDisabled();
        shot("preferences-page");

        page.locator("input[value='promo.weekly|SMS']").uncheck();
        page.locator("#quietStart").fill("22:00");
        page.locator("#quietEnd").fill("07:00");
        page.locator("#quietZone").fill("Asia/Seoul");
        page.locator("#save").click();

        assertThat(page).hasURL(Pattern.compile(".*/u/[^/]+\\?saved$"));
        assertThat(page.locator("#saved")).isVisible();
        assertThat(page.locator("input[value='promo.weekly|SMS']")).not().isChecked();
        assertThat(page.locator("input[value='promo.weekly|EMAIL']")).isChecked();
        assertThat(page.locator("#quietStart")).hasValue("22:00");
        shot("preferences-saved");
        JsonNode stored = herald.get("/api/v1/users/" + fay + "/preferences").body();
        assertThat(channels(stored, "promo.weekly")).contains("EMAIL", "IN_APP").doesNotContain("SMS");
        assertThat(stored.get("quietHours").get("start").asString()).isEqualTo("22:00");
        assertThat(stored.get("quietHours").get("end").asString()).isEqualTo("07:00");
        assertThat(stored.get("quietHours").get("timeZone").asString()).isEqualTo("Asia/Seoul");
        assertThat(entries("preferences.updated", fay)).singleElement()
                .satisfies(e -> assertThat(e.get("summary").asString()).startsWith("actor=preference-page, ")
                        .contains("typesChanged=[promo.weekly]").contains("quietHours=changed"));

        page.locator("#unsubscribe").click();
        assertThat(page.locator("#done")).containsText("promo.weekly");
        shot("preferences-unsubscribed");
        page.locator("#back").click();
        assertThat(page.locator("#unsubscribed")).isVisible();
        assertThat(page.locator("input[value='promo.weekly|EMAIL']")).not().isChecked();
        assertThat(channels(herald.get("/api/v1/users/" + fay + "/preferences").body(), "promo.weekly"))
                .doesNotContain("EMAIL", "SMS");
        assertThat(entries("preferences.unsubscribed", fay)).hasSize(1);
    }

    @Test
    void thePageSpeaksKoreanToAKoreanBrowserAndToAUserStoredAsKorean() throws Exception {
        String gil = newUser(herald, "gil", null);
        openBrowser("ko-KR");
        page.navigate(linkFor(gil));
        assertThat(page.locator("h1")).hasText("알림 설정");
        assertThat(page.locator("html")).hasAttribute("lang", "ko");
        assertThat(page.locator("#save")).hasText("저장");
        shot("preferences-page-ko");
        context.close();

        String han = newUser(herald, "han", "ko-KR");
        openBrowser("en-US");
        page.navigate(linkFor(han));
        assertThat(page.locator("h1")).hasText("알림 설정");
        context.close();

        String ida = newUser(herald, "ida", null);
        openBrowser("fr-FR");
        page.navigate(linkFor(ida));
        assertThat(page.locator("h1")).hasText("Notification preferences");
    }

    @Test
    void aFormPostedWithoutThePagesCookieIsRefusedAndBadQuietHoursAreNamed() throws Exception {
        String jay = newUser(herald, "jay", null);
        String path = java.net.URI.create(linkFor(jay)).getRawPath();

        Answer forged = anonymous.send(anonymous.request(path + "/preferences",
                        "Content-Type", "application/x-www-form-urlencoded", "Accept", "text/html")
                .POST(HttpRequest.BodyPublishers.ofString("_csrf=guess&ch=promo.weekly%7CSMS")));
        assertThat(forged.status()).isEqualTo(403);
        assertThat(herald.get("/api/v1/users/" + jay + "/preferences").body().get("channelsByType").isEmpty())
                .isTrue();

        openBrowser("en-US");
        page.navigate("http://127.0.0.1:" + port + path);
        page.locator("#quietStart").fill("22:00");
        page.locator("#save").click();
        assertThat(page.locator("#errors")).containsText("both a start and an end");
        assertThat(herald.get("/api/v1/users/" + jay + "/preferences").body().get("quietHours")).isNull();
        assertThat(entries("preferences.updated", jay)).isEmpty();
    }

    private static List<String> channels(JsonNode preferences, String type) {
        return preferences.get("channelsByType").get(type).valueStream().map(JsonNode::asString).toList();
    }

    private List<JsonNode> entries(String action, String user) {
        String target = "user:" + pseudonyms.of(TenantId.defaultTenant(), user);
        JsonNode items = herald.get("/api/v1/audit?action=" + action + "&limit=200").body().get("items");
        return StreamSupport.stream(items.spliterator(), false)
                .filter(e -> e.get("target").asString().equals(target)).toList();
    }
}
