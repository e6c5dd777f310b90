package dev.herald.server;

import com.icegreen.greenmail.util.GreenMailUtil;
import dev.herald.core.model.TenantId;
import dev.herald.core.tenancy.Scope;
import dev.herald.server.HeraldClient.Answer;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import jakarta.mail.MessagingException;
import java.util.Arrays;
import java.util.UUID;

/** The API end to end on the embedded default: HTTP in, H2, dispatchers, SMTP into GreenMail, sandbox. */
class NotificationApiTest extends EmbeddedHeraldTest {

    @BeforeEach
    void ann() {
        herald.put("/api/v1/users/ann", """
                {"email":"ann@example.com","phone":"+821012345678","locale":"ko-KR","timeZone":"Asia/Seoul"}""");
    }

    private static String notification(String recipients, String channels) {
        return """
                {"type":"order.shipped","recipients":%s,"channels":%s,
                 "content":{"title":"주문 발송","body":"Your order is on its way"}}""".formatted(recipients, channels);
    }

    @Test
    void emailGoesOverSmtpAndWaitModeAnswersWithTheFinalOutcome() throws Exception {
        Answer answer = herald.post("/api/v1/notifications", notification("[\"ann\"]", "[\"EMAIL\"]"),
                "Prefer", "wait=10");

        assertThat(answer.status()).isEqualTo(200);
        JsonNode delivery = answer.body().get("deliveries").get(0);
        assertThat(delivery.get("status").asString()).isEqualTo("SENT");
        assertThat(delivery.get("provider").asString()).isEqualTo("smtp");
        assertThat(delivery.get("recipient").asString()).isEqualTo("ann");
        MimeMessage mail = Arrays.stream(greenMail.getReceivedMessagesForDomain("example.com"))
                .filter(m -> header(m, "X-Herald-Delivery-Id").equals(delivery.get("id").asString()))
                .findFirst().orElseThrow();
        assertThat(mail.getSubject()).isEqualTo("주문 발송");
        assertThat(GreenMailUtil.getBody(mail)).contains("text/plain").contains("text/html");
        assertThat(mail.getHeader("X-Herald-Delivery-Id")[0]).isEqualTo(delivery.get("id").asString());
    }

    @Test
    void acceptedNotificationIsSentAndItsHistoryReadable() {
        Answer accepted = herald.post("/api/v1/notifications", notification("[\"ann\"]", "[\"SMS\"]"));

        assertThat(accepted.status()).isEqualTo(202);
        String id = accepted.body().get("id").asString();
        assertThat(accepted.header("Location")).isEqualTo("/api/v1/notifications/" + id);
        assertThat(accepted.body().get("deliveries").get(0).get("status").asString()).isEqualTo("QUEUED");

        await().atMost(Duration.ofSeconds(10)).until(() ->
                herald.get("/api/v1/notifications/" + id).body().get("status").asString().equals("COMPLETED"));
        JsonNode delivery = herald.get("/api/v1/notifications/" + id).body().get("deliveries").get(0);
        assertThat(delivery.get("status").asString()).isEqualTo("SENT");
        assertThat(delivery.get("address").asString()).isEqualTo("+821012345678");
        assertThat(delivery.get("history").findValuesAsString("status")).containsExactly("QUEUED", "SENT");

        JsonNode captured = herald.get("/api/v1/sandbox/messages?channel=SMS&to=%2B821012345678").body().get("items");
        assertThat(captured.findValuesAsString("deliveryId")).contains(delivery.get("id").asString());
        assertThat(captured.get(0).get("text").asString()).isEqualTo("Your order is on its way");
    }

    private static String header(MimeMessage mail, String name) {
        try {
            String[] values = mail.getHeader(name);
            return values == null ? "" : values[0];
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void everyChannelReachesTheSandboxAndAMissingAddressFailsAtOnce() {
        Answer answer = herald.post("/api/v1/notifications", notification(
                "[{\"userId\":\"ann\",\"pushToken\":\"tok-1\",\"slack\":\"#ops\",\"webhookUrl\":\"https://hooks.example.com/x\"},"
                        + "{\"email\":\"bob@example.com\"}]",
                "[\"EMAIL\",\"SMS\",\"PUSH\",\"IN_APP\",\"SLACK\",\"KAKAO\",\"WEBHOOK\"]"), "Prefer", "wait=10");

        assertThat(answer.status()).isEqualTo(200);
        JsonNode deliveries = answer.body().get("deliveries");
        assertThat(deliveries).hasSize(14);
        List<String> annStatuses = new ArrayList<>();
        List<String> bobStatuses = new ArrayList<>();
        for (JsonNode d : deliveries) {
            (d.has("recipient") && d.get("recipient").asString().equals("ann") ? annStatuses : bobStatuses)
                    .add(d.get("channel").asString() + ":" + d.get("status").asString());
        }
        assertThat(annStatuses).filteredOn(s -> !s.startsWith("EMAIL")).allMatch(s -> s.endsWith(":SENT")).hasSize(6);
        assertThat(bobStatuses).containsExactly("EMAIL:SENT", "SMS:FAILED", "PUSH:FAILED", "IN_APP:FAILED",
                "SLACK:FAILED", "KAKAO:FAILED", "WEBHOOK:FAILED");
        Set<String> sandboxChannels = new HashSet<>(herald.get("/api/v1/sandbox/messages?limit=500").body()
                .get("items").findValuesAsString("channel"));
        assertThat(sandboxChannels).contains("SMS", "PUSH", "SLACK", "KAKAO", "WEBHOOK");
        // In-app needs no credentials, so it goes to Herald's own inbox rather than the sandbox.
        String inApp = "";
        for (JsonNode d : deliveries) {
            if (d.get("channel").asString().equals("IN_APP") && d.get("status").asString().equals("SENT")) {
                inApp = d.get("id").asString();
            }
        }
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM inbox_message WHERE delivery_id = ?", Long.class,
                UUID.fromString(inApp))).isEqualTo(1);
    }

    @Test
    void anInlineAddressIsNotRepeatedInTheFailureReason() {
        Answer answer = herald.post("/api/v1/notifications",
                notification("[{\"pushToken\":\"" + "t".repeat(1100) + "\"}]", "[\"EMAIL\"]"));

        assertThat(answer.status()).isEqualTo(202);
        JsonNode delivery = answer.body().get("deliveries").get(0);
        assertThat(delivery.get("status").asString()).isEqualTo("FAILED");
        // The reason, not the address (a push token or an email is the caller's data, shown in its own field).
        assertThat(delivery.get("error").asString()).isEqualTo("the inline recipient has no EMAIL address");
    }

    @Test
    void aRepeatedIdempotencyKeyReturnsTheOriginal() {
        String body = notification("[\"ann\"]", "[\"EMAIL\"]");
        Answer first = herald.post("/api/v1/notifications", body, "Idempotency-Key", "order-7-shipped");
        long before = rows("notification");

        Answer repeat = herald.post("/api/v1/notifications", body, "Idempotency-Key", "order-7-shipped");

        assertThat(repeat.status()).isEqualTo(202);
        assertThat(repeat.body().get("id").asString()).isEqualTo(first.body().get("id").asString());
        assertThat(repeat.body().get("replayed").asBoolean()).isTrue();
        assertThat(rows("notification")).isEqualTo(before);
    }

    @Test
    void aBatchAnswersPerItem() {
        Answer answer = herald.post("/api/v1/notifications/batch", """
                {"notifications":[%s, %s, %s]}""".formatted(
                notification("[\"ann\"]", "[\"SMS\"]"),
                notification("[\"ann\"]", "[\"FAX\"]"),
                notification("[{\"email\":\"zed@example.com\"}]", "[\"EMAIL\"]")));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body().get("accepted").asInt()).isEqualTo(2);
        assertThat(answer.body().get("refused").asInt()).isEqualTo(1);
        JsonNode results = answer.body().get("results");
        assertThat(List.of(results.get(0).get("index").asInt(), results.get(1).get("index").asInt(),
                results.get(2).get("index").asInt())).containsExactly(0, 1, 2);
        assertThat(results.get(0).get("status").asInt()).isEqualTo(202);
        assertThat(results.get(1).get("status").asInt()).isEqualTo(400);
        assertThat(results.get(1).get("problem").get("errors").get(0).get("field").asString()).isEqualTo("channels[0]");
        assertThat(results.get(2).get("notification").get("id").asString()).isNotBlank();
    }

    @Test
    void aUsersHistoryPagesWithACursor() {
        herald.put("/api/v1/users/cy", "{\"email\":\"cy@example.com\"}");
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            sent.add(0, herald.post("/api/v1/notifications", notification("[\"cy\"]", "[\"EMAIL\"]"))
                    .body().get("id").asString());
        }

        JsonNode first = herald.get("/api/v1/notifications?userId=cy&limit=2").body();
        JsonNode second = herald.get("/api/v1/notifications?userId=cy&limit=2&cursor="
                + first.get("nextCursor").asString()).body();

        assertThat(first.get("items").findValuesAsString("type")).hasSize(2);
        List<String> ids = new ArrayList<>();
        first.get("items").forEach(n -> ids.add(n.get("id").asString()));
        second.get("items").forEach(n -> ids.add(n.get("id").asString()));
        assertThat(ids).containsExactlyElementsOf(sent);
        assertThat(second.has("nextCursor")).isFalse();
    }

    @Test
    void usersAreCreatedReadReplacedAndDeleted() {
        assertThat(herald.put("/api/v1/users/dee", "{\"email\":\"dee@example.com\"}").status()).isEqualTo(201);
        assertThat(herald.put("/api/v1/users/dee", "{\"email\":\"dee@new.example.com\",\"timeZone\":\"Europe/Paris\"}")
                .status()).isEqualTo(200);
        assertThat(herald.get("/api/v1/users/dee").body().get("email").asString()).isEqualTo("dee@new.example.com");
        assertThat(herald.delete("/api/v1/users/dee").status()).isEqualTo(204);
        Answer gone = herald.get("/api/v1/users/dee");
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.contentType()).startsWith("application/problem+json");
    }

    @Test
    void anotherTenantSeesNothingAndAReadOnlyKeyCannotSend() {
        String id = herald.post("/api/v1/notifications", notification("[\"ann\"]", "[\"EMAIL\"]"))
                .body().get("id").asString();
        TenantId other = new TenantId("acme");
        jdbc.update("INSERT INTO tenant (id, name, created_at) VALUES ('acme', 'Acme', CURRENT_TIMESTAMP)");
        HeraldClient acme = herald.withKey(apiKeys.issue(other, "acme", Set.of(Scope.SEND, Scope.READ)).secret());
        HeraldClient reader = herald.withKey(apiKeys.issue(TenantId.defaultTenant(), "ro", Set.of(Scope.READ)).secret());

        assertThat(acme.get("/api/v1/notifications/" + id).status()).isEqualTo(404);
        assertThat(acme.get("/api/v1/users/ann").status()).isEqualTo(404);
        assertThat(acme.get("/api/v1/sandbox/messages").body().get("items")).isEmpty();
        Answer forbidden = reader.post("/api/v1/notifications", notification("[\"ann\"]", "[\"EMAIL\"]"));
        assertThat(forbidden.status()).isEqualTo(403);
        assertThat(forbidden.body().get("detail").asString()).contains("send");
    }
}
