package dev.herald.server;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.herald.providers.twilio.TwilioSignature;
import dev.herald.server.HeraldClient.Answer;
import dev.herald.testkit.peers.ApnsPeer;
import dev.herald.testkit.peers.FcmServiceAccount;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
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

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import java.util.Base64;

/**
 * Every channel with real providers pointed at local protocol peers: two SMTP relays (the first down), Twilio and
 * an HTTP SMS gateway, FCM with its OAuth token endpoint, APNs (Pushy's mock server), Slack, Kakao AlimTalk and a
 * signed webhook, all on WireMock except SMTP and APNs. One notification to two users on all seven channels must
 * reach every peer, each delivery naming the provider that carried it, and each failure must end as it should.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class AllChannelsTest {
    private static final String ADMIN_KEY = EmbeddedHeraldTest.ADMIN_KEY;
    private static final String TWILIO_TOKEN = "twilio-auth-token";
    private static final String PUBLIC_URL = "https://herald.example.com";
    private static final String WEBHOOK_SECRET = "whsec_" + Base64.getEncoder()
            .encodeToString("a-webhook-secret-of-32-bytes-xx!".getBytes(StandardCharsets.US_ASCII));
    private static final String ANN_PHONE = "+821011112222";
    private static final String BOB_PHONE = "+821033334444";
    private static final String ANN_APNS = "a".repeat(64);
    private static final String BOB_APNS_DEAD = "d".repeat(64);

    private static final WireMockServer http = new WireMockServer(wireMockConfig().dynamicPort());
    private static final GreenMail backupSmtp = new GreenMail(new ServerSetup(0, "127.0.0.1", "smtp").dynamicPort());
    private static final Path dir;
    private static final ApnsPeer apns;
    private static final int deadSmtpPort;

    static {
        try {
            dir = Files.createTempDirectory("herald-all-channels");
            http.start();
            backupSmtp.start();
            apns = ApnsPeer.start(dir, "dev.herald.example", Set.of(ANN_APNS), Set.of(BOB_APNS_DEAD));
            try (ServerSocket socket = new ServerSocket(0)) {
                deadSmtpPort = socket.getLocalPort();
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @DynamicPropertySource
    static void providers(DynamicPropertyRegistry r) throws IOException {
        String base = "http://127.0.0.1:" + http.port();
        r.add("herald.data-dir", () -> "target/test-data/all-channels-" + UUID.randomUUID());
        r.add("herald.admin-key", () -> ADMIN_KEY);
        r.add("herald.public-base-url", () -> PUBLIC_URL);
        r.add("herald.providers.smtp[0].name", () -> "smtp-primary");
        r.add("herald.providers.smtp[0].host", () -> "127.0.0.1");
        r.add("herald.providers.smtp[0].port", () -> deadSmtpPort);
        r.add("herald.providers.smtp[1].name", () -> "smtp-backup");
        r.add("herald.providers.smtp[1].host", () -> "127.0.0.1");
        r.add("herald.providers.smtp[1].port", () -> backupSmtp.getSmtp().getPort());
        r.add("herald.providers.twilio[0].base-url", () -> base);
        r.add("herald.providers.twilio[0].account-sid", () -> "AC123");
        r.add("herald.providers.twilio[0].auth-token", () -> TWILIO_TOKEN);
        r.add("herald.providers.twilio[0].from-number", () -> "+15005550006");
        r.add("herald.providers.http-sms[0].url", () -> base + "/sms/send");
        r.add("herald.providers.http-sms[0].auth-header-name", () -> "X-Api-Key");
        r.add("herald.providers.http-sms[0].auth-header-value", () -> "gateway-key");
        r.add("herald.providers.kakao[0].base-url", () -> base);
        r.add("herald.providers.kakao[0].app-key", () -> "app");
        r.add("herald.providers.kakao[0].secret-key", () -> "kakao-secret");
        r.add("herald.providers.kakao[0].sender-key", () -> "sender");
        r.add("herald.providers.kakao[0].template-codes.order\\.shipped", () -> "ORDER_SHIPPED");
        Path serviceAccount = FcmServiceAccount.write(dir, "herald-test", base + "/token");
        r.add("herald.providers.fcm[0].base-url", () -> base);
        r.add("herald.providers.fcm[0].service-account-file", serviceAccount::toString);
        r.add("herald.providers.apns[0].host", () -> "localhost");
        r.add("herald.providers.apns[0].port", apns::port);
        r.add("herald.providers.apns[0].topic", apns::topic);
        r.add("herald.providers.apns[0].signing-key-file", () -> apns.signingKeyFile().toString());
        r.add("herald.providers.apns[0].team-id", () -> ApnsPeer.TEAM_ID);
        r.add("herald.providers.apns[0].key-id", () -> ApnsPeer.KEY_ID);
        r.add("herald.providers.apns[0].trusted-server-certificates", () -> apns.certificateFile().toString());
        r.add("herald.providers.slack[0].allowed-hosts[0]", () -> "127.0.0.1");
        r.add("herald.providers.slack[0].allow-http", () -> "true");
        r.add("herald.providers.slack[0].allow-internal-addresses", () -> "true");
        r.add("herald.channels.slack.webhooks-by-type.order\\.shipped", () -> base + "/services/T1/B1/ops");
        r.add("herald.providers.webhook[0].url", () -> base + "/hooks/herald");
        r.add("herald.providers.webhook[0].secret", () -> WEBHOOK_SECRET);
    }

    @AfterAll
    static void stopPeers() throws Exception {
        http.stop();
        backupSmtp.stop();
        apns.close();
    }

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    HeraldClient herald;

    @BeforeEach
    void stubPeers() {
        herald = new HeraldClient(port, ADMIN_KEY);
        http.resetAll();
        // Twilio takes Ann's number and is down for Bob's, so Bob's SMS fails over to the HTTP gateway.
        http.stubFor(post(urlEqualTo("/2010-04-01/Accounts/AC123/Messages.json"))
                .withRequestBody(containing("To=" + URLEncoder.encode(ANN_PHONE, StandardCharsets.UTF_8)))
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                        .withBody("{\"sid\":\"SM-ann\",\"status\":\"queued\"}")));
        http.stubFor(post(urlEqualTo("/2010-04-01/Accounts/AC123/Messages.json"))
                .withRequestBody(containing("To=" + URLEncoder.encode(BOB_PHONE, StandardCharsets.UTF_8)))
                .willReturn(aResponse().withStatus(503).withBody("{\"code\":20500,\"message\":\"busy\"}")));
        http.stubFor(post(urlEqualTo("/sms/send")).willReturn(okJson("{\"messageId\":\"gw-1\"}")));
        http.stubFor(post(urlEqualTo("/token")).willReturn(okJson(
                "{\"access_token\":\"ya29.test\",\"expires_in\":3600,\"token_type\":\"Bearer\"}")));
        http.stubFor(post(urlEqualTo("/v1/projects/herald-test/messages:send"))
                .withRequestBody(matchingJsonPath("$.message.token", containing("ann-fcm")))
                .willReturn(okJson("{\"name\":\"projects/herald-test/messages/0:1\"}")));
        http.stubFor(post(urlEqualTo("/v1/projects/herald-test/messages:send"))
                .withRequestBody(matchingJsonPath("$.message.token", containing("bob-fcm-dead")))
                .willReturn(aResponse().withStatus(404).withHeader("Content-Type", "application/json").withBody("""
                        {"error":{"code":404,"message":"Requested entity was not found.","status":"NOT_FOUND",
                         "details":[{"@type":"type.googleapis.com/google.firebase.fcm.v1.FcmError",
                                     "errorCode":"UNREGISTERED"}]}}""")));
        http.stubFor(post(urlEqualTo("/services/T1/B1/ops")).willReturn(aResponse().withStatus(200).withBody("ok")));
        // Kakao takes Ann; Bob is not on KakaoTalk, so his message falls back to SMS.
        http.stubFor(post(urlEqualTo("/alimtalk/v2.3/appkeys/app/messages"))
                .withRequestBody(containing(ANN_PHONE))
                .willReturn(okJson("""
                        {"header":{"resultCode":0,"resultMessage":"SUCCESS","isSuccessful":true},
                         "message":{"requestId":"kakao-req-1","sendResults":[{"recipientSeq":1,"resultCode":0,
                                    "resultMessage":"SUCCESS"}]}}""")));
        http.stubFor(post(urlEqualTo("/alimtalk/v2.3/appkeys/app/messages"))
                .withRequestBody(containing(BOB_PHONE))
                .willReturn(okJson("""
                        {"header":{"resultCode":0,"resultMessage":"SUCCESS","isSuccessful":true},
                         "message":{"requestId":"kakao-req-2","sendResults":[{"recipientSeq":1,"resultCode":-3015,
                                    "resultMessage":"not a KakaoTalk user"}]}}""")));
        http.stubFor(post(urlEqualTo("/hooks/herald")).willReturn(aResponse().withStatus(204)));
    }

    private void user(String id, String email, String phone, Map<String, String> devices) {
        assertThat(herald.put("/api/v1/users/" + id, """
                {"email":"%s","phone":"%s","locale":"ko-KR"}""".formatted(email, phone)).status()).isIn(200, 201);
        devices.forEach((token, platform) -> assertThat(herald.post("/api/v1/users/" + id + "/devices", """
                {"platform":"%s","token":"%s"}""".formatted(platform, token)).status()).isIn(200, 201));
    }

    @Test
    void oneNotificationOnEveryChannelReachesEveryPeerAndEachFailureEndsRight() throws Exception {
        user("ann", "ann@example.com", ANN_PHONE, Map.of(ANN_APNS, "apns", "ann-fcm-token", "fcm"));
        user("bob", "bob@example.com", BOB_PHONE, Map.of(BOB_APNS_DEAD, "apns", "bob-fcm-dead-token", "fcm"));

        Answer answer = herald.post("/api/v1/notifications", """
                {"type":"order.shipped","recipients":["ann","bob"],
                 "channels":["EMAIL","SMS","PUSH","IN_APP","SLACK","KAKAO","WEBHOOK"],
                 "data":{"orderId":"A-42","carrier":"CJ"},
                 "content":{"title":"주문이 발송되었습니다","body":"주문 A-42가 발송되었습니다"}}""", "Prefer", "wait=30");

        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(200);
        Map<String, JsonNode> byKey = new HashMap<>();
        JsonNode detail = herald.get("/api/v1/notifications/" + answer.body().get("id").asString()).body();
        for (JsonNode d : detail.get("deliveries")) {
            String who = d.has("userId") ? d.get("userId").asString() : "ops";
            String address = d.has("address") ? d.get("address").asString() : "";
            String key = who + ":" + d.get("channel").asString()
                    + (d.get("channel").asString().equals("PUSH") ? ":" + address.substring(0, 4) : "");
            byKey.put(key, d);
        }
        Map<String, String> carried = byKey.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                e -> e.getValue().get("status").asString() + " by " + e.getValue().path("provider").asString("-")));
        assertThat(carried).containsExactlyInAnyOrderEntriesOf(new LinkedHashMap<>(Map.ofEntries(
                Map.entry("ann:EMAIL", "SENT by smtp-backup"),
                Map.entry("bob:EMAIL", "SENT by smtp-backup"),
                Map.entry("ann:SMS", "SENT by twilio"),
                Map.entry("bob:SMS", "SENT by http-sms"),
                Map.entry("ann:PUSH:apns", "SENT by apns"),
                Map.entry("ann:PUSH:fcm:", "SENT by fcm"),
                Map.entry("bob:PUSH:apns", "FAILED by apns"),
                Map.entry("bob:PUSH:fcm:", "FAILED by fcm"),
                Map.entry("ann:IN_APP", "SENT by inbox"),
                Map.entry("bob:IN_APP", "SENT by inbox"),
                Map.entry("ops:SLACK", "SENT by slack"),
                Map.entry("ann:KAKAO", "SENT by kakao"),
                Map.entry("bob:KAKAO", "SENT by http-sms"),
                Map.entry("ann:WEBHOOK", "SENT by webhook"),
                Map.entry("bob:WEBHOOK", "SENT by webhook"))));

        // Failover and fallback are written on the delivery, not just in a log.
        assertThat(history(byKey.get("ann:EMAIL"))).contains("failed over").contains("smtp-primary");
        assertThat(history(byKey.get("bob:KAKAO"))).contains("sent as SMS because KAKAO refused")
                .contains("not a KakaoTalk user");
        assertThat(byKey.get("bob:PUSH:apns").get("lastError").asString()).containsIgnoringCase("unregistered");
        assertThat(byKey.get("bob:PUSH:fcm:").get("lastError").asString()).containsIgnoringCase("no longer registered");

        // Every peer got what it should.
        assertThat(backupSmtp.getReceivedMessages()).extracting(MimeMessage::getSubject)
                .containsOnly("주문이 발송되었습니다").hasSize(2);
        LoggedRequest twilio = http.findAll(postRequestedFor(urlEqualTo("/2010-04-01/Accounts/AC123/Messages.json"))
                .withRequestBody(containing(URLEncoder.encode(ANN_PHONE, StandardCharsets.UTF_8)))).getFirst();
        assertThat(twilio.getBodyAsString()).contains("StatusCallback=" + URLEncoder.encode(PUBLIC_URL
                + "/api/v1/callbacks/twilio?deliveryId=", StandardCharsets.UTF_8));
        assertThat(http.findAll(postRequestedFor(urlEqualTo("/sms/send")))).hasSize(2)
                .allSatisfy(r -> assertThat(r.getHeader("X-Api-Key")).isEqualTo("gateway-key"));
        assertThat(http.findAll(postRequestedFor(urlEqualTo("/v1/projects/herald-test/messages:send"))))
                .allSatisfy(r -> assertThat(r.getHeader("Authorization")).isEqualTo("Bearer ya29.test"));
        assertThat(apns.accepted()).extracting(ApnsPeer.Accepted::token).containsExactly(ANN_APNS);
        assertThat(http.findAll(postRequestedFor(urlEqualTo("/services/T1/B1/ops")))).hasSize(1);
        assertThat(http.findAll(postRequestedFor(urlEqualTo("/alimtalk/v2.3/appkeys/app/messages"))))
                .allSatisfy(r -> assertThat(r.getBodyAsString()).contains("ORDER_SHIPPED").contains("A-42"));
        List<LoggedRequest> hooks = http.findAll(postRequestedFor(urlPathEqualTo("/hooks/herald")));
        assertThat(hooks).hasSize(2).allSatisfy(r -> {
            assertThat(r.getHeader("webhook-id")).isNotBlank();
            assertThat(r.getHeader("webhook-signature")).startsWith("v1,");
            assertThat(r.getBodyAsString()).contains("\"orderId\":\"A-42\"");
        });

        // The push services' dead tokens are gone from Bob's devices; Ann keeps both of hers.
        assertThat(herald.get("/api/v1/users/bob/devices").body()).isEmpty();
        assertThat(herald.get("/api/v1/users/ann/devices").body()).hasSize(2);
    }

    @Test
    void twilioStatusCallbacksCountOnlyWithAValidSignature() throws Exception {
        user("cy", "cy@example.com", ANN_PHONE, Map.of());
        Answer answer = herald.post("/api/v1/notifications", """
                {"type":"order.shipped","recipients":["cy"],"channels":["SMS"],
                 "content":{"body":"Your order is on its way"}}""", "Prefer", "wait=30");
        assertThat(answer.status()).isEqualTo(200);
        String deliveryId = answer.body().get("deliveries").get(0).get("id").asString();
        String notificationId = answer.body().get("id").asString();
        String query = "deliveryId=" + deliveryId + "&provider=twilio";
        Map<String, String> form = new LinkedHashMap<>();
        form.put("MessageSid", "SM-ann");
        form.put("MessageStatus", "delivered");
        form.put("AccountSid", "AC123");

        int forged = callback(query, form, new TwilioSignature("not-the-token").sign(
                PUBLIC_URL + "/api/v1/callbacks/twilio?" + query, form));
        int unsigned = callback(query, form, null);
        assertThat(forged).isEqualTo(403);
        assertThat(unsigned).isEqualTo(403);
        assertThat(status(notificationId)).isEqualTo("SENT");

        int signed = callback(query, form, new TwilioSignature(TWILIO_TOKEN).sign(
                PUBLIC_URL + "/api/v1/callbacks/twilio?" + query, form));
        assertThat(signed).isEqualTo(204);
        assertThat(status(notificationId)).isEqualTo("DELIVERED");

        // A forged callback for a delivery that does not exist looks the same as a bad signature.
        assertThat(callback("deliveryId=" + UUID.randomUUID() + "&provider=twilio", form, "x")).isEqualTo(403);
    }

    @Test
    void aTwilioErrorSayingTheNumberCannotReceiveSmsSuppressesIt() throws Exception {
        String unreachable = "+821077778888";
        http.stubFor(post(urlEqualTo("/2010-04-01/Accounts/AC123/Messages.json"))
                .withRequestBody(containing("To=" + URLEncoder.encode(unreachable, StandardCharsets.UTF_8)))
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                        .withBody("{\"sid\":\"SM-landline\",\"status\":\"queued\"}")));
        String sms = """
                {"type":"order.shipped","recipients":[{"phone":"%s"}],"channels":["SMS"],
                 "content":{"body":"Your order is on its way"}}""".formatted(unreachable);
        Answer answer = herald.post("/api/v1/notifications", sms, "Prefer", "wait=30");
        assertThat(answer.status()).isEqualTo(200);
        String deliveryId = answer.body().get("deliveries").get(0).get("id").asString();
        String query = "deliveryId=" + deliveryId + "&provider=twilio";
        Map<String, String> form = new LinkedHashMap<>();
        form.put("MessageSid", "SM-landline");
        form.put("MessageStatus", "undelivered");
        form.put("ErrorCode", "30006");
        form.put("To", unreachable);
        form.put("AccountSid", "AC123");
        String signature = new TwilioSignature(TWILIO_TOKEN).sign(PUBLIC_URL + "/api/v1/callbacks/twilio?" + query,
                form);

        assertThat(callback(query, form, signature)).isEqualTo(204);
        assertThat(callback(query, form, signature)).isEqualTo(204);

        assertThat(status(answer.body().get("id").asString())).isEqualTo("FAILED");
        JsonNode entries = herald.get("/api/v1/suppressions?address=" + URLEncoder.encode(unreachable,
                StandardCharsets.UTF_8)).body().get("items");
        assertThat(entries.size()).isEqualTo(1);
        assertThat(entries.get(0).get("reason").asString()).isEqualTo("INVALID_NUMBER");
        assertThat(entries.get(0).get("source").asString()).isEqualTo("twilio");
        assertThat(entries.get(0).get("deliveryId").asString()).isEqualTo(deliveryId);
        Answer next = herald.post("/api/v1/notifications", sms);
        assertThat(next.body().get("deliveries").get(0).get("status").asString()).isEqualTo("SUPPRESSED");
        assertThat(next.body().get("deliveries").get(0).get("error").asString()).contains("INVALID_NUMBER");
        herald.delete("/api/v1/suppressions/" + unreachable);
    }

    @Test
    void aUsersOwnSlackChannelIsUsedWhenTheTypeHasNone() {
        String deeSlack = "http://127.0.0.1:" + http.port() + "/services/T1/B2/dee";
        http.stubFor(post(urlEqualTo("/services/T1/B2/dee")).willReturn(aResponse().withStatus(200).withBody("ok")));
        assertThat(herald.put("/api/v1/users/dee", """
                {"email":"dee@example.com","slack":"%s"}""".formatted(deeSlack)).status()).isIn(200, 201);

        Answer answer = herald.post("/api/v1/notifications", """
                {"type":"order.delivered","recipients":["dee"],"channels":["SLACK"],
                 "content":{"title":"Delivered","body":"Your order <A-42> was delivered"}}""", "Prefer", "wait=30");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body().get("deliveries").get(0).get("provider").asString()).isEqualTo("slack");
        assertThat(http.findAll(postRequestedFor(urlEqualTo("/services/T1/B2/dee")))).singleElement()
                .satisfies(r -> assertThat(r.getBodyAsString()).contains("&lt;A-42&gt;"));
    }

    @Test
    void aWebhookEndpointThatAnswers410IsDisabledUntilAnOperatorEnablesIt() {
        user("eve", "eve@example.com", ANN_PHONE, Map.of());
        String endpoint = "http://127.0.0.1:" + http.port() + "/hooks/herald";
        http.stubFor(post(urlEqualTo("/hooks/herald")).willReturn(aResponse().withStatus(410)));
        String body = """
                {"type":"order.shipped","recipients":["eve"],"channels":["WEBHOOK"],"content":{"body":"hi"}}""";

        Answer gone = herald.post("/api/v1/notifications", body, "Prefer", "wait=30");
        Answer skipped = herald.post("/api/v1/notifications", body, "Prefer", "wait=30");

        assertThat(gone.body().get("deliveries").get(0).get("status").asString()).isEqualTo("FAILED");
        assertThat(skipped.body().get("deliveries").get(0).get("error").asString()).contains("endpoint disabled");
        assertThat(http.findAll(postRequestedFor(urlEqualTo("/hooks/herald")))).hasSize(1);
        assertThat(herald.get("/api/v1/admin/webhook-endpoints/disabled").body().findValuesAsString("url"))
                .contains(endpoint);

        Answer enabled = herald.post("/api/v1/admin/webhook-endpoints/enable", "{\"url\":\"" + endpoint + "\"}");
        assertThat(enabled.body().get("wasDisabled").asBoolean()).isTrue();
        http.stubFor(post(urlEqualTo("/hooks/herald")).willReturn(aResponse().withStatus(204)));
        Answer back = herald.post("/api/v1/notifications", body, "Prefer", "wait=30");
        assertThat(back.body().get("deliveries").get(0).get("status").asString()).isEqualTo("SENT");
    }

    private String status(String notificationId) {
        return herald.get("/api/v1/notifications/" + notificationId).body().get("deliveries").get(0)
                .get("status").asString();
    }

    private int callback(String query, Map<String, String> form, String signature) throws Exception {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/api/v1/callbacks/twilio?" + query))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (signature != null) {
            request.header("X-Twilio-Signature", signature);
        }
        try (HttpClient client = HttpClient.newHttpClient()) {
            return client.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        }
    }

    /** The delivery's status history as text: enough to see which notes the dispatcher wrote on it. */
    private static String history(JsonNode delivery) {
        return delivery.get("history").toString();
    }
}
