package dev.herald.server;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.herald.core.model.TenantId;
import dev.herald.core.tenancy.Scope;
import dev.herald.jdbc.JdbcStores;
import dev.herald.server.HeraldClient.Answer;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tenants' own providers: tenant B brings its SMTP relay (a second GreenMail server) and its email goes there,
 * while the default tenant's goes through the installation's relay; B's password is sealed in the row and never
 * answered; bad settings are refused naming the setting; the test endpoint sends through the integration alone.
 */
class IntegrationApiTest extends EmbeddedHeraldTest {
    private static final String PASSWORD = "pw-Sirenia-" + UUID.randomUUID();
    private static final GreenMail tenantRelay = new GreenMail(new ServerSetup(0, "127.0.0.1", "smtp").dynamicPort());

    static {
        tenantRelay.start();
        tenantRelay.setUser("b-user@tenant-b.example", "b-user", PASSWORD);
    }

    @AfterAll
    static void stopRelay() {
        tenantRelay.stop();
    }

    @Autowired
    JdbcStores stores;

    private HeraldClient b;
    private TenantId tenantB;
    private String sfx;

    @BeforeEach
    void tenantB() {
        sfx = UUID.randomUUID().toString().substring(0, 8);
        tenantB = new TenantId("int-" + sfx);
        stores.apiKeys().ensureTenant(tenantB, "Tenant B");
        b = herald.withKey(apiKeys.issue(tenantB, "b-admin", Set.of(Scope.ADMIN)).secret());
    }

    private String relay(int port) {
        return """
                {"kind":"smtp","settings":{"host":"127.0.0.1","port":%d,"username":"b-user","password":"%s",
                 "from":"alerts@tenant-b.example","send-timeout":"5s","guards":{"open-for":"1s"}}}"""
                .formatted(port, PASSWORD);
    }

    private String email(HeraldClient as, String to, String subject) {
        Answer sent = as.post("/api/v1/notifications", """
                {"type":"int.check","recipients":[{"email":"%s"}],"channels":["EMAIL"],
                 "content":{"title":"%s","body":"hello"}}""".formatted(to, subject), "Prefer", "wait=10");
        assertThat(sent.status()).as(sent.text()).isIn(200, 202);
        return sent.body().get("id").asString();
    }

    private JsonNode delivery(HeraldClient as, String notification) {
        await().atMost(Duration.ofSeconds(20)).until(() -> as.get("/api/v1/notifications/" + notification).body()
                .get("status").asString().equals("COMPLETED"));
        return as.get("/api/v1/notifications/" + notification).body().get("deliveries").get(0);
    }

    private static List<String> subjects(MimeMessage[] received) {
        return Arrays.stream(received).map(IntegrationApiTest::subject).toList();
    }

    private static String subject(MimeMessage m) {
        try {
            return m.getSubject();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aTenantsOwnSmtpCarriesItsEmailWhileAnotherTenantsGoesThroughTheInstallation() throws Exception {
        assertThat(b.put("/api/v1/integrations/b-relay", relay(tenantRelay.getSmtp().getPort())).status())
                .isEqualTo(201);

        JsonNode bDelivery = delivery(b, email(b, "reader-" + sfx + "@example.com", "for B " + sfx));
        JsonNode aDelivery = delivery(herald, email(herald, "reader-" + sfx + "@example.com", "for A " + sfx));

        assertThat(bDelivery.get("status").asString()).isEqualTo("SENT");
        assertThat(bDelivery.get("provider").asString()).isEqualTo("b-relay");
        assertThat(aDelivery.get("status").asString()).isEqualTo("SENT");
        assertThat(aDelivery.get("provider").asString()).isEqualTo("smtp");
        assertThat(subjects(tenantRelay.getReceivedMessages())).contains("for B " + sfx).doesNotContain("for A " + sfx);
        assertThat(subjects(greenMail.getReceivedMessages())).contains("for A " + sfx).doesNotContain("for B " + sfx);

        // Without its integration, B's email goes through the installation's relay again.
        assertThat(b.delete("/api/v1/integrations/b-relay").status()).isEqualTo(204);
        JsonNode after = delivery(b, email(b, "reader-" + sfx + "@example.com", "B again " + sfx));
        assertThat(after.get("provider").asString()).isEqualTo("smtp");
        assertThat(subjects(greenMail.getReceivedMessages())).contains("B again " + sfx);
    }

    @Test
    void theCredentialIsSealedInTheRowAndOnlyItsFingerprintIsAnswered() throws Exception {
        String fingerprint = "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(PASSWORD.getBytes(StandardCharsets.UTF_8)), 0, 4);

        Answer put = b.put("/api/v1/integrations/b-relay", relay(tenantRelay.getSmtp().getPort()));
        assertThat(put.status()).isEqualTo(201);
        assertThat(put.text()).doesNotContain(PASSWORD);
        assertThat(put.body().get("credentials").get("password").asString()).isEqualTo(fingerprint);
        assertThat(put.body().get("settings").get("username").asString()).isEqualTo("b-user");
        assertThat(put.body().get("settings").has("password")).isFalse();
        Answer get = b.get("/api/v1/integrations/b-relay");
        assertThat(get.text()).doesNotContain(PASSWORD);
        assertThat(get.body().get("credentials").get("password").asString()).isEqualTo(fingerprint);
        Answer list = b.get("/api/v1/integrations");
        assertThat(list.text()).doesNotContain(PASSWORD).contains(fingerprint);

        Map<String, Object> row = jdbc.queryForMap("SELECT * FROM integration WHERE tenant_id = ? AND name = ?",
                tenantB.value(), "b-relay");
        assertThat(row.values()).allSatisfy(value -> assertThat(String.valueOf(value)).doesNotContain(PASSWORD));
        String sealed = (String) row.get("SECRETS_CIPHERTEXT");
        assertThat(sealed).isNotBlank();
        String opened = new String(Base64.getDecoder().decode(sealed), StandardCharsets.ISO_8859_1);
        assertThat(opened).doesNotContain(PASSWORD).doesNotContain(PASSWORD.substring(0, 12));
        assertThat((String) row.get("SETTINGS_JSON")).contains("b-user").doesNotContain("password");

        // A PUT that leaves the password out keeps it (GET never shows it to copy back); an empty one removes it.
        Answer kept = b.put("/api/v1/integrations/b-relay", """
                {"kind":"smtp","settings":{"host":"127.0.0.1","port":%d,"username":"b-user"},"order":2}"""
                .formatted(tenantRelay.getSmtp().getPort()));
        assertThat(kept.status()).isEqualTo(200);
        assertThat(kept.body().get("credentials").get("password").asString()).isEqualTo(fingerprint);
        assertThat(kept.body().get("order").asInt()).isEqualTo(2);
        assertThat(kept.body().get("version").asLong()).isEqualTo(2);
        Answer removed = b.put("/api/v1/integrations/b-relay", """
                {"kind":"smtp","settings":{"host":"127.0.0.1","password":""}}""");
        assertThat(removed.status()).isEqualTo(200);
        assertThat(removed.body().get("credentials").isEmpty()).isTrue();
        assertThat(jdbc.queryForObject("SELECT secrets_ciphertext FROM integration WHERE tenant_id = ?",
                String.class, tenantB.value())).isNull();
    }

    @Test
    void badSettingsAreRefusedNamingTheSettingAndNothingIsStored() {
        assertProblem(b.put("/api/v1/integrations/b-relay", "{\"kind\":\"pigeon\"}"), "kind", "unknown-value");
        assertProblem(b.put("/api/v1/integrations/b-relay", "{\"settings\":{}}"), "kind", "required");
        assertProblem(b.put("/api/v1/integrations/b-relay", "{\"kind\":\"smtp\",\"settings\":{\"port\":25}}"),
                "settings.host", "required");
        assertProblem(b.put("/api/v1/integrations/b-relay",
                "{\"kind\":\"smtp\",\"settings\":{\"host\":\"127.0.0.1\",\"port\":\"many\"}}"), "settings.port", "type");
        assertProblem(b.put("/api/v1/integrations/b-relay",
                "{\"kind\":\"smtp\",\"settings\":{\"host\":\"127.0.0.1\",\"colour\":\"red\"}}"),
                "settings.colour", "unknown-field");
        assertProblem(b.put("/api/v1/integrations/b-relay",
                "{\"kind\":\"smtp\",\"settings\":{\"host\":\"127.0.0.1\",\"guards\":{\"speed\":1}}}"),
                "settings.guards.speed", "unknown-field");
        assertProblem(b.put("/api/v1/integrations/b-relay",
                "{\"kind\":\"smtp\",\"settings\":{\"host\":\"127.0.0.1\",\"sendTimeout\":\"60s\"}}"),
                "settings.send-timeout", "too-long");
        assertProblem(b.put("/api/v1/integrations/b-relay",
                "{\"kind\":\"smtp\",\"settings\":{\"host\":\"127.0.0.1\",\"password\":7}}"), "settings.password", "type");
        assertProblem(b.put("/api/v1/integrations/b-relay",
                "{\"kind\":\"smtp\",\"settings\":{\"host\":\"127.0.0.1\"},\"channels\":[\"SMS\"]}"),
                "channels[0]", "kind-mismatch");
        assertProblem(b.put("/api/v1/integrations/b-relay",
                "{\"kind\":\"smtp\",\"settings\":{\"host\":\"127.0.0.1\"},\"channels\":[\"FAX\"]}"),
                "channels[0]", "unknown-value");
        assertProblem(b.put("/api/v1/integrations/b-relay",
                "{\"kind\":\"smtp\",\"settings\":{\"host\":\"127.0.0.1\"},\"order\":-1}"), "order", "range");
        assertProblem(b.put("/api/v1/integrations/sandbox", "{\"kind\":\"smtp\",\"settings\":{\"host\":\"h\"}}"),
                "name", "reserved");
        assertProblem(b.put("/api/v1/integrations/b-relay",
                "{\"kind\":\"twilio\",\"settings\":{\"account-sid\":\"AC1\",\"auth-token\":\"t\"}}"),
                "settings", "invalid");
        assertProblem(b.put("/api/v1/integrations/b-relay", "{\"kind\":\"smtp\",\"extra\":1}"), "extra",
                "unknown-field");

        assertThat(b.get("/api/v1/integrations/b-relay").status()).isEqualTo(404);
        assertThat(b.get("/api/v1/integrations").body()).isEmpty();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM integration WHERE tenant_id = ?", Long.class,
                tenantB.value())).isZero();
    }

    private static void assertProblem(Answer answer, String field, String rule) {
        assertThat(answer.status()).as(answer.text()).isEqualTo(400);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.body().get("errors").findValuesAsString("field")).as(answer.text()).contains(field);
        assertThat(answer.body().get("errors").findValuesAsString("rule")).as(answer.text()).contains(rule);
    }

    @Test
    void theTestEndpointSendsThroughTheIntegrationAloneAndSaysWhatHappened() throws Exception {
        assertThat(b.put("/api/v1/integrations/b-relay", relay(tenantRelay.getSmtp().getPort())).status())
                .isEqualTo(201);
        int deadPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            deadPort = socket.getLocalPort();
        }
        assertThat(b.put("/api/v1/integrations/b-dead", relay(deadPort)).status()).isEqualTo(201);
        String to = "test-" + sfx + "@example.com";

        Answer sent = b.post("/api/v1/integrations/b-relay/test", "{\"address\":\"" + to + "\"}");
        assertThat(sent.status()).as(sent.text()).isEqualTo(200);
        assertThat(sent.body().get("outcome").asString()).isEqualTo("sent");
        assertThat(sent.body().get("provider").asString()).isEqualTo("b-relay");
        assertThat(Arrays.stream(tenantRelay.getReceivedMessages()).filter(m -> recipients(m).contains(to)))
                .hasSize(1);

        Answer failed = b.post("/api/v1/integrations/b-dead/test", "{\"address\":\"" + to + "\"}");
        assertThat(failed.status()).isEqualTo(200);
        assertThat(failed.body().get("outcome").asString()).isEqualTo("failed");
        assertThat(failed.body().get("reason").asString()).isNotBlank().doesNotContain(to);

        assertProblem(b.post("/api/v1/integrations/b-relay/test", "{\"address\":\"not-an-email\"}"), "address",
                "format");
        assertProblem(b.post("/api/v1/integrations/b-relay/test", "{}"), "address", "required");
        assertThat(b.post("/api/v1/integrations/nowhere/test", "{\"address\":\"" + to + "\"}").status())
                .isEqualTo(404);
        // Nothing of a test message reaches the installation's relay.
        assertThat(Arrays.stream(greenMail.getReceivedMessages()).filter(m -> recipients(m).contains(to))).isEmpty();
    }

    private static String recipients(MimeMessage m) {
        try {
            return Arrays.toString(m.getAllRecipients());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void anotherTenantNeitherSeesNorChangesNorUsesTheIntegration() {
        assertThat(b.put("/api/v1/integrations/b-relay", relay(tenantRelay.getSmtp().getPort())).status())
                .isEqualTo(201);

        assertThat(herald.get("/api/v1/integrations/b-relay").status()).isEqualTo(404);
        assertThat(herald.get("/api/v1/integrations").body().findValuesAsString("name")).doesNotContain("b-relay");
        assertThat(herald.delete("/api/v1/integrations/b-relay").status()).isEqualTo(404);
        assertThat(herald.post("/api/v1/integrations/b-relay/test", "{\"address\":\"x@example.com\"}").status())
                .isEqualTo(404);
        assertThat(b.get("/api/v1/integrations/b-relay").body().get("version").asLong()).isEqualTo(1);
    }

    @Test
    void onlyAnAdminKeyManagesIntegrations() {
        HeraldClient sender = herald.withKey(apiKeys.issue(tenantB, "b-send", Set.of(Scope.SEND, Scope.READ))
                .secret());
        assertThat(sender.get("/api/v1/integrations").status()).isEqualTo(403);
        assertThat(sender.put("/api/v1/integrations/b-relay", relay(tenantRelay.getSmtp().getPort())).status())
                .isEqualTo(403);
        assertThat(b.get("/api/v1/integrations/b-relay").status()).isEqualTo(404);
    }
}
