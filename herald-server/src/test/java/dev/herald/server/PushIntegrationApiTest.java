package dev.herald.server;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.herald.core.model.TenantId;
import dev.herald.core.tenancy.Scope;
import dev.herald.jdbc.JdbcStores;
import dev.herald.server.HeraldClient.Answer;
import dev.herald.testkit.peers.ApnsPeer;
import dev.herald.testkit.peers.FcmServiceAccount;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A tenant's own Firebase project: tenant B gives its service-account key as JSON text (sealed, answered only as
 * a fingerprint) and its push goes to FCM (WireMock, with the key's token endpoint) while the default tenant's goes
 * through the installation's provider (the sandbox); a file on the server's disk may not be named; a key that does
 * not read is refused naming the setting without quoting it; the test endpoint sends to a device token.
 */
@ExtendWith(OutputCaptureExtension.class)
class PushIntegrationApiTest extends EmbeddedHeraldTest {
    private static final String PROJECT = "tenant-b-project";
    private static final String SEND = "/v1/projects/" + PROJECT + "/messages:send";
    private static final WireMockServer google = new WireMockServer(wireMockConfig().dynamicPort());
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String APNS_LIVE = "b".repeat(64);
    private static final String APNS_DEAD = "e".repeat(64);
    private static final ApnsPeer apple;

    static {
        google.start();
        try {
            apple = ApnsPeer.start(Files.createTempDirectory("herald-tenant-apns"), "dev.tenant-b.app",
                    Set.of(APNS_LIVE), Set.of(APNS_DEAD));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterAll
    static void stopPeers() throws Exception {
        google.stop();
        apple.close();
    }

    @Autowired
    JdbcStores stores;

    private HeraldClient b;
    private TenantId tenantB;
    private String sfx;
    private String key;
    private String privateKeyLine;

    @BeforeEach
    void tenantBAndItsKey() {
        sfx = UUID.randomUUID().toString().substring(0, 8);
        tenantB = new TenantId("push-" + sfx);
        stores.apiKeys().ensureTenant(tenantB, "Tenant B");
        b = herald.withKey(apiKeys.issue(tenantB, "b-admin", Set.of(Scope.ADMIN)).secret());
        key = FcmServiceAccount.json(PROJECT, google.baseUrl() + "/token");
        // One line of the PEM's base64 from its middle: what must never show outside the seal.
        privateKeyLine = JSON.readTree(key).get("private_key").asString().split("\n")[10];
        google.resetAll();
        google.stubFor(post(urlEqualTo("/token")).willReturn(okJson("""
                {"access_token":"ya29.tenant-b","expires_in":3600,"token_type":"Bearer"}""")));
        google.stubFor(post(urlEqualTo(SEND)).willReturn(okJson("""
                {"name":"projects/tenant-b-project/messages/1"}""")));
        google.stubFor(post(urlEqualTo(SEND)).withRequestBody(matchingJsonPath("$.message.token",
                equalTo("dead-" + sfx))).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json").withBody("""
                        {"error":{"code":404,"message":"Requested entity was not found.","status":"NOT_FOUND",
                         "details":[{"@type":"type.googleapis.com/google.firebase.fcm.v1.FcmError",
                         "errorCode":"UNREGISTERED"}]}}""")));
    }

    private String fcm(Map<String, Object> extra) {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("service-account-json", key);
        settings.put("base-url", google.baseUrl());
        settings.putAll(extra);
        return JSON.writeValueAsString(Map.of("kind", "fcm", "settings", settings));
    }

    private String push(HeraldClient as, String token, String title) {
        Answer sent = as.post("/api/v1/notifications", """
                {"type":"int.push","recipients":[{"pushToken":"%s"}],"channels":["PUSH"],
                 "content":{"title":"%s","body":"hello"}}""".formatted(token, title), "Prefer", "wait=10");
        assertThat(sent.status()).as(sent.text()).isIn(200, 202);
        return sent.body().get("id").asString();
    }

    private JsonNode delivery(HeraldClient as, String notification) {
        await().atMost(Duration.ofSeconds(20)).until(() -> as.get("/api/v1/notifications/" + notification).body()
                .get("status").asString().equals("COMPLETED"));
        return as.get("/api/v1/notifications/" + notification).body().get("deliveries").get(0);
    }

    @Test
    void aTenantsOwnFcmProjectCarriesItsPushWhileAnotherTenantsGoesThroughTheInstallation() {
        Answer put = b.put("/api/v1/integrations/b-fcm", fcm(Map.of()));
        assertThat(put.status()).as(put.text()).isEqualTo(201);
        assertThat(put.body().get("channels").get(0).asString()).isEqualTo("PUSH");

        JsonNode bDelivery = delivery(b, push(b, "b-token-" + sfx, "for B " + sfx));
        JsonNode aDelivery = delivery(herald, push(herald, "a-token-" + sfx, "for A " + sfx));

        assertThat(bDelivery.get("status").asString()).isEqualTo("SENT");
        assertThat(bDelivery.get("provider").asString()).isEqualTo("b-fcm");
        assertThat(aDelivery.get("status").asString()).isEqualTo("SENT");
        assertThat(aDelivery.get("provider").asString()).isEqualTo("sandbox");
        google.verify(1, postRequestedFor(urlEqualTo(SEND))
                .withHeader("Authorization", equalTo("Bearer ya29.tenant-b"))
                .withRequestBody(matchingJsonPath("$.message.token", equalTo("b-token-" + sfx)))
                .withRequestBody(containing("for B " + sfx)));
        google.verify(0, postRequestedFor(urlEqualTo(SEND)).withRequestBody(containing("a-token-" + sfx)));
        // The access token was minted with B's key, at the token endpoint its JSON names.
        google.verify(postRequestedFor(urlEqualTo("/token"))
                .withRequestBody(containing("grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer")));
    }

    @Test
    void theKeyIsSealedInTheRowAndNeverAnsweredNorLogged(CapturedOutput output) throws Exception {
        String fingerprint = "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(key.getBytes(StandardCharsets.UTF_8)), 0, 4);

        Answer put = b.put("/api/v1/integrations/b-fcm", fcm(Map.of()));
        assertThat(put.status()).as(put.text()).isEqualTo(201);
        assertThat(put.body().get("credentials").get("service-account-json").asString()).isEqualTo(fingerprint);
        assertThat(put.body().get("settings").has("service-account-json")).isFalse();
        for (Answer answer : new Answer[] {put, b.get("/api/v1/integrations/b-fcm"), b.get("/api/v1/integrations"),
                b.post("/api/v1/integrations/b-fcm/test", "{\"address\":\"dead-" + sfx + "\"}")}) {
            assertThat(answer.text()).doesNotContain(privateKeyLine).doesNotContain("PRIVATE KEY")
                    .doesNotContain("iam.gserviceaccount.com");
        }
        Map<String, Object> row = jdbc.queryForMap("SELECT * FROM integration WHERE tenant_id = ? AND name = ?",
                tenantB.value(), "b-fcm");
        assertThat(row.values()).allSatisfy(value -> assertThat(String.valueOf(value))
                .doesNotContain(privateKeyLine).doesNotContain("PRIVATE KEY").doesNotContain(PROJECT));
        assertThat((String) row.get("SECRETS_CIPHERTEXT")).isNotBlank();
        assertThat(output.getAll()).doesNotContain(privateKeyLine).doesNotContain("iam.gserviceaccount.com");

        // A PUT that leaves the key out keeps it.
        Answer kept = b.put("/api/v1/integrations/b-fcm", JSON.writeValueAsString(Map.of("kind", "fcm",
                "settings", Map.of("base-url", google.baseUrl()))));
        assertThat(kept.status()).as(kept.text()).isEqualTo(200);
        assertThat(kept.body().get("credentials").get("service-account-json").asString()).isEqualTo(fingerprint);
    }

    @Test
    void aFileOnTheServerOrAKeyThatDoesNotReadIsRefusedNamingTheSettingWithoutQuotingIt(CapturedOutput output) {
        assertProblem(b.put("/api/v1/integrations/b-fcm", fcm(Map.of("service-account-file", "/etc/passwd"))),
                "settings.service-account-file", "not-allowed");
        assertProblem(b.put("/api/v1/integrations/b-fcm", fcm(Map.of("serviceAccountFile", "/etc/passwd"))),
                "settings.service-account-file", "not-allowed");
        assertProblem(b.put("/api/v1/integrations/b-fcm", JSON.writeValueAsString(Map.of("kind", "fcm",
                "settings", Map.of("base-url", google.baseUrl())))), "settings.service-account-json", "required");

        String notJson = "oops " + privateKeyLine;
        Answer malformed = b.put("/api/v1/integrations/b-fcm", fcm(Map.of("service-account-json", notJson)));
        assertProblem(malformed, "settings.service-account-json", "invalid");
        assertThat(malformed.text()).doesNotContain(privateKeyLine);

        Map<?, ?> withoutKey = new LinkedHashMap<>(JSON.readValue(key, Map.class));
        withoutKey.remove("private_key");
        Answer noKey = b.put("/api/v1/integrations/b-fcm", fcm(Map.of("service-account-json",
                JSON.writeValueAsString(withoutKey))));
        assertProblem(noKey, "settings.service-account-json", "invalid");
        assertThat(noKey.text()).doesNotContain(PROJECT + "@").doesNotContain("iam.gserviceaccount.com");

        Answer badTokenUri = b.put("/api/v1/integrations/b-fcm", fcm(Map.of("service-account-json",
                FcmServiceAccount.json(PROJECT, "ftp://" + "127.0.0.1:" + google.port() + "/token"))));
        assertProblem(badTokenUri, "settings.service-account-json", "format");
        assertThat(badTokenUri.text()).contains("token_uri");
        assertProblem(b.put("/api/v1/integrations/b-fcm", fcm(Map.of("base-url", "ftp://127.0.0.1/"))),
                "settings.base-url", "format");
        assertProblem(b.put("/api/v1/integrations/b-fcm", fcm(Map.of("token-uri", "file:///etc/passwd"))),
                "settings.token-uri", "format");
        assertProblem(b.put("/api/v1/integrations/b-fcm", fcm(Map.of())
                        .replace("\"kind\":\"fcm\"", "\"kind\":\"fcm\",\"channels\":[\"EMAIL\"]")),
                "channels[0]", "kind-mismatch");

        assertThat(b.get("/api/v1/integrations").body()).isEmpty();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM integration WHERE tenant_id = ?", Long.class,
                tenantB.value())).isZero();
        assertThat(output.getAll()).doesNotContain(privateKeyLine);
    }

    @Test
    void theTestEndpointSendsToADeviceTokenThroughTheIntegrationAlone() {
        assertThat(b.put("/api/v1/integrations/b-fcm", fcm(Map.of())).status()).isEqualTo(201);

        Answer sent = b.post("/api/v1/integrations/b-fcm/test", "{\"address\":\"test-token-" + sfx + "\"}");
        assertThat(sent.status()).as(sent.text()).isEqualTo(200);
        assertThat(sent.body().get("outcome").asString()).isEqualTo("sent");
        assertThat(sent.body().get("provider").asString()).isEqualTo("b-fcm");
        google.verify(1, postRequestedFor(urlEqualTo(SEND))
                .withRequestBody(matchingJsonPath("$.message.token", equalTo("test-token-" + sfx))));

        Answer dead = b.post("/api/v1/integrations/b-fcm/test", "{\"address\":\"fcm:dead-" + sfx + "\"}");
        assertThat(dead.status()).isEqualTo(200);
        assertThat(dead.body().get("outcome").asString()).isEqualTo("failed");
        assertThat(dead.body().get("reason").asString()).contains("UNREGISTERED").doesNotContain("dead-" + sfx);

        assertProblem(b.post("/api/v1/integrations/b-fcm/test", "{\"address\":\"" + "t".repeat(4100) + "\"}"),
                "address", "max-length");
        assertProblem(b.post("/api/v1/integrations/b-fcm/test", "{}"), "address", "required");
    }

    private static String apns(Map<String, Object> extra) throws Exception {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("host", "127.0.0.1");
        settings.put("port", apple.port());
        settings.put("topic", apple.topic());
        settings.put("team-id", ApnsPeer.TEAM_ID);
        settings.put("key-id", ApnsPeer.KEY_ID);
        settings.put("signing-key", Files.readString(apple.signingKeyFile()));
        // Trusting the mock server's certificate is allowed only because tests allow internal addresses.
        settings.put("trusted-server-certificates-pem", Files.readString(apple.certificateFile()));
        settings.putAll(extra);
        return JSON.writeValueAsString(Map.of("kind", "apns", "settings", settings));
    }

    @Test
    void aTenantsOwnApnsKeyCarriesItsPushToApple() throws Exception {
        String signingKey = Files.readString(apple.signingKeyFile());
        String keyLine = signingKey.split("\n")[1];
        Answer put = b.put("/api/v1/integrations/b-apns", apns(Map.of()));
        assertThat(put.status()).as(put.text()).isEqualTo(201);
        assertThat(put.text()).doesNotContain(keyLine);
        assertThat(put.body().get("credentials").has("signing-key")).isTrue();
        assertThat(jdbc.queryForMap("SELECT * FROM integration WHERE tenant_id = ?", tenantB.value()).values())
                .allSatisfy(value -> assertThat(String.valueOf(value)).doesNotContain(keyLine));

        JsonNode delivery = delivery(b, push(b, "apns:" + APNS_LIVE, "apple for B " + sfx));
        assertThat(delivery.get("status").asString()).as(delivery.toString()).isEqualTo("SENT");
        assertThat(delivery.get("provider").asString()).isEqualTo("b-apns");
        assertThat(apple.accepted()).anySatisfy(accepted -> {
            assertThat(accepted.token()).isEqualTo(APNS_LIVE);
            assertThat(accepted.payload()).contains("apple for B " + sfx);
        });

        Answer dead = b.post("/api/v1/integrations/b-apns/test", "{\"address\":\"apns:" + APNS_DEAD + "\"}");
        assertThat(dead.body().get("outcome").asString()).as(dead.text()).isEqualTo("failed");
        assertThat(dead.body().get("reason").asString()).contains("Unregistered").doesNotContain(APNS_DEAD);

        assertProblem(b.put("/api/v1/integrations/b-apns", apns(Map.of("signing-key-file", "/etc/herald/key.p8"))),
                "settings.signing-key-file", "not-allowed");
        assertProblem(b.put("/api/v1/integrations/b-apns", apns(Map.of("trusted-server-certificates", "/tmp/x"))),
                "settings.trusted-server-certificates", "not-allowed");
        Answer badKey = b.put("/api/v1/integrations/b-apns", apns(Map.of("signing-key", "x" + keyLine)));
        assertProblem(badKey, "settings.signing-key", "invalid");
        assertThat(badKey.text()).doesNotContain(keyLine);
        assertProblem(b.put("/api/v1/integrations/b-apns", apns(Map.of("topic", ""))), "settings.topic", "required");
    }

    private static void assertProblem(Answer answer, String field, String rule) {
        assertThat(answer.status()).as(answer.text()).isEqualTo(400);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.body().get("errors").findValuesAsString("field")).as(answer.text()).contains(field);
        assertThat(answer.body().get("errors").findValuesAsString("rule")).as(answer.text()).contains(rule);
    }
}
