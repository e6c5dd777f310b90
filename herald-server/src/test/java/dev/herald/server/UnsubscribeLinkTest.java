package dev.herald.server;

import dev.herald.core.audit.UserPseudonyms;
import dev.herald.core.model.Channel;
import dev.herald.core.model.TenantId;
import dev.herald.core.unsubscribe.UnsubscribeTokens;
import dev.herald.server.HeraldClient.Answer;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One-click unsubscribe end to end: the headers on the email GreenMail receives, the RFC 8058 POST to the link they
 * carry, its effect on the next email, the audit entry, and every way a link can be tampered with.
 */
class UnsubscribeLinkTest extends UnsubscribeHeraldTest {
    private static final String ONE_CLICK = "List-Unsubscribe=One-Click";

    @Autowired
    UnsubscribeTokens tokens;
    @Autowired
    UserPseudonyms pseudonyms;

    @Test
    void aMarketingEmailCarriesBothHeadersAndItsOneClickPostStopsTheNextEmailOfThatTypeOnly() throws Exception {
        String ann = newUser(herald, "ann", null);
        Answer first = send("promo.weekly", ann, "Deals for " + ann);
        assertThat(first.body().get("deliveries").get(0).get("status").asString()).isEqualTo("SENT");

        MimeMessage mail = received("Deals for " + ann);
        assertThat(mail.getHeader("List-Unsubscribe-Post", null)).isEqualTo(ONE_CLICK);
        String header = mail.getHeader("List-Unsubscribe", null).replaceAll("\\r?\\n[ \\t]", " ");
        URI link = httpsLink(mail);
        assertThat(header).isEqualTo("<" + link + ">, <mailto:unsubscribe@example.com>");
        assertThat(link.getScheme()).isEqualTo("https");
        assertThat(link.getHost()).isEqualTo("herald.example.com");
        assertThat(link.getQuery()).isNull();

        Answer unsubscribed = oneClick(token(link), ONE_CLICK);
        assertThat(unsubscribed.status()).isEqualTo(200);
        assertThat(unsubscribed.text()).isEqualTo("unsubscribed\n");
        assertThat(unsubscribed.header("Cache-Control")).isEqualTo("no-store");
        // RFC 8058 allows the same body as multipart/form-data.
        String boundary = "herald-boundary";
        Answer multipart = anonymous.send(anonymous.request("/u/" + token(link), "Content-Type",
                "multipart/form-data; boundary=" + boundary).POST(HttpRequest.BodyPublishers.ofString(
                "--" + boundary + "\r\nContent-Disposition: form-data; name=\"List-Unsubscribe\"\r\n\r\n"
                        + "One-Click\r\n--" + boundary + "--\r\n")));
        assertThat(multipart.status()).as("a second POST, multipart").isEqualTo(200);

        Answer next = send("promo.weekly", ann, "More deals for " + ann);
        JsonNode suppressed = next.body().get("deliveries").get(0);
        assertThat(suppressed.get("status").asString()).isEqualTo("SUPPRESSED");
        assertThat(suppressed.get("error").asString()).contains("chose not to get promo.weekly by EMAIL");
        Answer other = send("order.shipped", ann, "Shipped for " + ann);
        assertThat(other.body().get("deliveries").get(0).get("status").asString()).isEqualTo("SENT");
        received("Shipped for " + ann);
        JsonNode chosen = herald.get("/api/v1/users/" + ann + "/preferences").body();
        assertThat(chosen.get("channelsByType").get("promo.weekly").valueStream().map(JsonNode::asString))
                .contains("SMS", "IN_APP").doesNotContain("EMAIL");

        List<JsonNode> entries = unsubscribeEntries(ann);
        assertThat(entries).as("one entry, though POSTed twice").hasSize(1);
        JsonNode entry = entries.getFirst();
        assertThat(entry.get("keyId")).as("no API key behind it").isNull();
        assertThat(entry.get("summary").asString())
                .isEqualTo("actor=unsubscribe-link, type=promo.weekly, channel=EMAIL");
        assertThat(entry.get("target").asString()).startsWith("user:").doesNotContain(ann);
    }

    @Test
    void anEmailOfTheTypeAlreadyAcceptedForLaterIsNotSentAfterTheOneClickPost() throws Exception {
        String cy = newUser(herald, "cy", null);
        send("promo.weekly", cy, "First deals for " + cy);
        URI link = httpsLink(received("First deals for " + cy));
        String id = promoForLater(cy, null, "Later deals for " + cy);

        assertThat(oneClick(token(link), ONE_CLICK).status()).isEqualTo(200);

        // Planned before the unsubscribe, checked again right before its send.
        assertSuppressedByAChoiceMadeSince(id, "Later deals for " + cy);
    }

    @Test
    void aNonCriticalTypeSentWithPriorityCriticalGetsTheFastLaneButNotTheCriticalExemptions() throws Exception {
        String dee = newUser(herald, "dee", null);
        Answer fast = herald.post("/api/v1/notifications", """
                {"type":"promo.weekly","recipients":["%s"],"channels":["EMAIL"],"priority":"CRITICAL",
                 "content":{"title":"Flash deals for %s","body":"Hello"}}""".formatted(dee, dee), "Prefer", "wait=10");
        assertThat(fast.body().get("deliveries").get(0).get("status").asString()).isEqualTo("SENT");
        assertThat(received("Flash deals for " + dee).getHeader("List-Unsubscribe", null))
                .as("the user may opt out of the type, so the link is offered").isNotNull();
        String id = promoForLater(dee, "CRITICAL", "Later flash deals for " + dee);

        assertThat(herald.put("/api/v1/users/" + dee + "/preferences",
                "{\"channelsByType\":{\"promo.weekly\":[]}}").status()).isEqualTo(200);

        assertSuppressedByAChoiceMadeSince(id, "Later flash deals for " + dee);
    }

    /** A promo.weekly email to the user with this subject, accepted to go out in 3 s (priority null: the type's). */
    private String promoForLater(String user, String priority, String subject) {
        return acceptedForLater("""
                {"type":"promo.weekly","recipients":["%s"],"channels":["EMAIL"],%s
                 "sendAt":"%s","content":{"title":"%s","body":"Hello"}}"""
                .formatted(user, priority == null ? "" : "\"priority\":\"" + priority + "\",",
                        Instant.now().plusSeconds(3), subject));
    }

    /** The email accepted for later was suppressed at its send by the user's choice made since, and never sent. */
    private void assertSuppressedByAChoiceMadeSince(String id, String subject) {
        JsonNode delivery = deliveryOnceItIs(id, "SUPPRESSED");
        assertThat(delivery.get("lastError").asString()).contains("promo.weekly by EMAIL after this was accepted");
        assertThat(Arrays.stream(greenMail.getReceivedMessages()).map(UnsubscribeLinkTest::subject))
                .doesNotContain(subject);
    }

    @Test
    void aCriticalTypeIsSentDespiteAPerTypeChoiceMadeAfterItWasAccepted() throws Exception {
        String eve = newUser(herald, "eve", null);
        String id = acceptedForLater("""
                {"type":"security.alert","recipients":["%s"],"channels":["EMAIL"],"sendAt":"%s",
                 "content":{"title":"Sign-in alert for %s","body":"From Busan"}}"""
                .formatted(eve, Instant.now().plusSeconds(3), eve));

        assertThat(herald.put("/api/v1/users/" + eve + "/preferences",
                "{\"channelsByType\":{\"security.alert\":[]}}").status()).isEqualTo(200);

        deliveryOnceItIs(id, "SENT");
        assertThat(received("Sign-in alert for " + eve).getHeader("List-Unsubscribe")).isNull();
    }

    /** Accepts a notification with a later {@code sendAt}; its id. */
    private String acceptedForLater(String json) {
        Answer later = herald.post("/api/v1/notifications", json);
        assertThat(later.status()).as(later.text()).isEqualTo(202);
        return later.body().get("id").asString();
    }

    private JsonNode deliveryOnceItIs(String notificationId, String status) {
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> herald.get("/api/v1/notifications/" + notificationId).body().get("deliveries").get(0),
                        d -> d.get("status").asString().equals(status));
    }

    private static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aCriticalTypesEmailCarriesNeitherHeader() throws Exception {
        String bea = newUser(herald, "bea", null);
        Answer alert = herald.post("/api/v1/notifications", """
                {"type":"security.alert","recipients":["%s"],"channels":["EMAIL"],
                 "content":{"title":"New sign-in %s","body":"From Seoul"}}""".formatted(bea, bea), "Prefer", "wait=10");
        assertThat(alert.body().get("deliveries").get(0).get("status").asString()).isEqualTo("SENT");

        MimeMessage mail = received("New sign-in " + bea);
        assertThat(mail.getHeader("List-Unsubscribe")).isNull();
        assertThat(mail.getHeader("List-Unsubscribe-Post")).isNull();
    }

    @Test
    void tamperedExpiredOrIncompleteLinksAreRefusedAndChangeNothing() throws Exception {
        String cat = newUser(herald, "cat", null);
        String dan = newUser(herald, "dan", null);
        send("promo.weekly", cat, "Deals for " + cat);
        String token = token(httpsLink(received("Deals for " + cat)));
        String[] parts = token.split("\\.");
        String otherUser = with(parts, 2, b64(dan));
        String otherType = with(parts, 3, b64("order.shipped"));
        String otherChannel = with(parts, 4, "SMS");
        String otherTenant = with(parts, 1, b64("acme"));
        String signature = parts[parts.length - 1];
        String badSignature = with(parts, parts.length - 1, signature.charAt(0) == 'A' ? "B" + signature.substring(1)
                : "A" + signature.substring(1));
        String otherKey = with(parts, 6, String.valueOf(Integer.parseInt(parts[6]) + 1));
        String expired = tokens.issue(TenantId.defaultTenant(), cat, "promo.weekly", Channel.EMAIL,
                Duration.ofSeconds(-1));

        for (String forged : List.of(otherUser, otherType, otherChannel, otherTenant, badSignature, otherKey,
                "hx1.nonsense", "hx2.nonsense",
                token + "x", "x".repeat(2000))) {
            Answer refused = oneClick(forged, ONE_CLICK);
            assertThat(refused.status()).as(forged).isEqualTo(404);
            assertThat(refused.contentType()).isEqualTo("application/problem+json");
            assertThat(refused.body().get("type").asString()).isEqualTo("urn:herald:problem:unknown-link");
            assertThat(refused.text()).doesNotContain(forged.length() > 100 ? forged.substring(0, 100) : forged);
        }
        Answer late = oneClick(expired, ONE_CLICK);
        assertThat(late.status()).isEqualTo(410);
        assertThat(late.body().get("type").asString()).isEqualTo("urn:herald:problem:link-expired");
        Answer incomplete = oneClick(token, "List-Unsubscribe=Yes");
        assertThat(incomplete.status()).isEqualTo(400);
        assertThat(incomplete.body().get("detail").asString()).contains("List-Unsubscribe").contains("One-Click");
        assertThat(incomplete.body().get("errors").get(0).get("field").asString()).isEqualTo("List-Unsubscribe");
        assertThat(incomplete.body().get("errors").get(0).get("rule").asString()).isEqualTo("one-click");
        assertThat(oneClick(token, "").status()).isEqualTo(400);
        Answer browser = anonymous.send(anonymous.request("/u/" + otherUser, "Accept", "text/html")
                .POST(HttpRequest.BodyPublishers.ofString(ONE_CLICK))
                .header("Content-Type", "application/x-www-form-urlencoded"));
        assertThat(browser.status()).isEqualTo(404);
        assertThat(browser.contentType()).startsWith("text/html");
        assertThat(browser.header("Content-Security-Policy")).contains("default-src 'none'");

        for (String user : List.of(cat, dan)) {
            JsonNode chosen = herald.get("/api/v1/users/" + user + "/preferences").body();
            assertThat(chosen.get("channelsByType").isEmpty()).as(user).isTrue();
            assertThat(unsubscribeEntries(user)).as(user).isEmpty();
        }
        // The genuine link still works afterwards, for its own user only.
        assertThat(oneClick(token, ONE_CLICK).status()).isEqualTo(200);
        assertThat(herald.get("/api/v1/users/" + dan + "/preferences").body().get("channelsByType").isEmpty())
                .isTrue();
    }

    @Test
    void aLinkChangesTheUserOfItsOwnTenantOnlyWhenAnotherTenantHasTheSameUserId() throws Exception {
        String other = "unsub-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        Answer made = herald.post("/api/v1/tenants", "{\"id\":\"" + other + "\",\"name\":\"Other\"}");
        assertThat(made.status()).isEqualTo(201);
        HeraldClient otherAdmin = herald.withKey(made.body().get("adminKey").get("key").asString());
        String zed = newUser(herald, "zed", null);
        assertThat(otherAdmin.put("/api/v1/users/" + zed, "{\"email\":\"" + zed + "@example.org\"}").status())
                .isEqualTo(201);

        send("promo.weekly", zed, "Deals for " + zed);
        assertThat(oneClick(token(httpsLink(received("Deals for " + zed))), ONE_CLICK).status()).isEqualTo(200);

        assertThat(herald.get("/api/v1/users/" + zed + "/preferences").body().get("channelsByType")
                .has("promo.weekly")).isTrue();
        assertThat(otherAdmin.get("/api/v1/users/" + zed + "/preferences").body().get("channelsByType").isEmpty())
                .isTrue();
    }

    @Test
    void aLinkOfADeletedUserIsGone() throws Exception {
        String eve = newUser(herald, "eve", null);
        send("promo.weekly", eve, "Deals for " + eve);
        String token = token(httpsLink(received("Deals for " + eve)));
        assertThat(herald.delete("/api/v1/users/" + eve).status()).isEqualTo(204);

        assertThat(oneClick(token, ONE_CLICK).status()).isEqualTo(410);
        assertThat(anonymous.get("/u/" + token).status()).isEqualTo(410);
        assertThat(herald.get("/api/v1/users/" + eve + "/preferences").status()).isEqualTo(404);
    }

    @Test
    void aLinkSentBeforeARotationWorksUntilItsKeyIsRetired() throws Exception {
        String fay = newUser(herald, "fay", null);
        send("promo.weekly", fay, "Deals for " + fay);
        String before = token(httpsLink(received("Deals for " + fay)));
        int oldKey = Integer.parseInt(before.split("\\.")[6]);

        Answer rotated = herald.post("/api/v1/signing-keys/unsubscribe-link/rotate", "");
        assertThat(rotated.status()).as(rotated.text()).isEqualTo(201);
        int newKey = rotated.body().get("id").asInt();
        assertThat(newKey).isGreaterThan(oldKey);
        assertThat(rotated.body().get("current").asBoolean()).isTrue();
        assertThat(rotated.body().has("secret")).isFalse();
        // This node signs with the new key once it has read the access version the rotation moved.
        await().atMost(Duration.ofSeconds(5)).until(() -> tokens.issue(TenantId.defaultTenant(), fay, "promo.weekly",
                Channel.EMAIL, Duration.ofMinutes(1)).split("\\.")[6].equals(String.valueOf(newKey)));
        String gil = newUser(herald, "gil", null);
        send("promo.weekly", gil, "Deals for " + gil);
        String after = token(httpsLink(received("Deals for " + gil)));
        assertThat(after.split("\\.")[6]).isEqualTo(String.valueOf(newKey));
        assertThat(anonymous.get("/u/" + before).status()).isEqualTo(200);

        Answer current = herald.delete("/api/v1/signing-keys/unsubscribe-link/" + newKey);
        assertThat(current.status()).isEqualTo(409);
        assertThat(current.contentType()).isEqualTo("application/problem+json");
        assertThat(current.body().get("errors").get(0).get("rule").asString()).isEqualTo("current");
        assertThat(herald.delete("/api/v1/signing-keys/unsubscribe-link/" + oldKey).status()).isEqualTo(204);

        Answer refused = oneClick(before, ONE_CLICK);
        assertThat(refused.status()).isEqualTo(404);
        assertThat(refused.body().get("type").asString()).isEqualTo("urn:herald:problem:unknown-link");
        assertThat(anonymous.get("/u/" + before).status()).isEqualTo(404);
        assertThat(herald.get("/api/v1/users/" + fay + "/preferences").body().get("channelsByType").isEmpty())
                .isTrue();
        assertThat(oneClick(after, ONE_CLICK).status()).isEqualTo(200);
        JsonNode keys = herald.get("/api/v1/signing-keys/unsubscribe-link").body().get("keys");
        JsonNode old = StreamSupport.stream(keys.spliterator(), false)
                .filter(k -> k.get("id").asInt() == oldKey).findFirst().orElseThrow();
        assertThat(old.get("retiredAt").isNull()).isFalse();
        assertThat(old.get("current").asBoolean()).isFalse();
        assertThat(keys.get(keys.size() - 1).get("id").asInt()).isEqualTo(newKey);
        assertThat(keys.get(keys.size() - 1).get("current").asBoolean()).isTrue();
    }

    private Answer oneClick(String token, String body) {
        return anonymous.send(anonymous.request("/u/" + token, "Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private List<JsonNode> unsubscribeEntries(String user) {
        JsonNode items = herald.get("/api/v1/audit?action=preferences.unsubscribed&limit=100").body().get("items");
        String target = targetOf(user);
        return StreamSupport.stream(items.spliterator(), false)
                .filter(e -> e.get("target").asString().equals(target)).toList();
    }

    /** The audit target of a user, as PUT preferences with an admin key records it. */
    private String targetOf(String user) {
        return "user:" + pseudonyms.of(TenantId.defaultTenant(), user);
    }

    private static String with(String[] parts, int index, String value) {
        String[] copy = parts.clone();
        copy[index] = value;
        return String.join(".", copy);
    }

    private static String b64(String value) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(value.getBytes(StandardCharsets.UTF_8));
    }
}
