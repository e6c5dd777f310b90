package dev.herald.server;

import dev.herald.server.HeraldClient.Answer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Business events through the seed rules and templates, in each recipient's language. */
class EventApiTest extends EmbeddedHeraldTest {

    private static String id(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private String user(String locale, String pushToken) {
        String user = id("u");
        herald.put("/api/v1/users/" + user, """
                {"email":"%s@example.com","phone":"+821012345678","locale":"%s"}""".formatted(user, locale));
        if (pushToken != null) {
            herald.post("/api/v1/users/" + user + "/devices", "{\"platform\":\"fcm\",\"token\":\"" + pushToken + "\"}");
        }
        return user;
    }

    private JsonNode sandbox(String channel, String to) {
        JsonNode[] found = new JsonNode[1];
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            JsonNode items = herald.get("/api/v1/sandbox/messages?channel=" + channel + "&to="
                    + URLEncoder.encode(to, StandardCharsets.UTF_8)).body().get("items");
            found[0] = items.isEmpty() ? null : items.get(0);
            return found[0] != null;
        });
        return found[0];
    }

    @Test
    void orderShippedReachesTheBuyerByPushInTheBuyersLanguage() {
        String token = id("tok");
        String buyer = user("ko-KR", token);
        String english = user("en", id("tok2"));

        Answer answer = herald.post("/api/v1/events", """
                {"eventId":"%s","type":"order.shipped","data":{"buyerId":"%s","orderId":"A-42"},
                 "occurredAt":"2026-11-21T09:00:00+09:00"}""".formatted(id("evt"), buyer));
        herald.post("/api/v1/events", """
                {"eventId":"%s","type":"order.shipped","data":{"buyerId":"%s","orderId":"B-7"}}"""
                .formatted(id("evt"), english));

        assertThat(answer.status()).isEqualTo(202);
        List<String> channels = new ArrayList<>();
        answer.body().get("deliveries").forEach(d -> channels.add(d.get("channel").asString()));
        assertThat(channels).containsExactly("PUSH");
        JsonNode korean = sandbox("PUSH", "fcm:" + token);
        // ko-KR falls back to the Korean template.
        assertThat(korean.get("subject").asString()).isEqualTo("주문하신 상품이 발송되었습니다");
        assertThat(korean.get("text").asString()).isEqualTo("주문 A-42이(가) 발송되었습니다.");
        JsonNode englishPush = herald.get("/api/v1/notifications?userId=" + english).body().get("items").get(0);
        assertThat(englishPush.get("deliveries").get(0).get("channel").asString()).isEqualTo("PUSH");
    }

    @Test
    void aRepeatedEventChangesNothingAndAnswersWithTheOriginal() {
        String buyer = user("en", id("tok"));
        String body = """
                {"eventId":"%s","type":"order.shipped","data":{"buyerId":"%s","orderId":"C-1"}}"""
                .formatted(id("evt"), buyer);

        Answer first = herald.post("/api/v1/events", body);
        Answer again = herald.post("/api/v1/events", body);

        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body().get("id").asString()).isEqualTo(first.body().get("id").asString());
        assertThat(again.body().get("replayed").asBoolean()).isTrue();
        assertThat(herald.get("/api/v1/notifications?userId=" + buyer).body().get("items")).hasSize(1);

        // The type's rule changes; the event is re-sent: still the original answer, not a conflict.
        String type = "ship." + UUID.randomUUID().toString().substring(0, 6);
        herald.put("/api/v1/types/" + type, "{\"channels\":[\"EMAIL\"],\"recipientFields\":[\"buyerId\"]}");
        herald.put("/api/v1/templates/" + type + "/email/default", "{\"text\":\"Shipped\"}");
        String event = """
                {"eventId":"%s","type":"%s","data":{"buyerId":"%s"}}""".formatted(id("evt"), type, buyer);
        String original = herald.post("/api/v1/events", event).body().get("id").asString();
        herald.put("/api/v1/types/" + type, "{\"channels\":[\"SMS\"],\"recipientFields\":[\"sellerId\"]}");
        Answer resent = herald.post("/api/v1/events", event);
        assertThat(resent.status()).isEqualTo(200);
        assertThat(resent.body().get("id").asString()).isEqualTo(original);
    }

    @Test
    void theSeedRulesSendTheDocumentedChannelsToTheDocumentedRecipients() {
        String payer = user("en", null);
        String seller = user("en", id("tok"));
        String buyer = user("en", id("tok"));

        Answer failed = herald.post("/api/v1/events", """
                {"eventId":"%s","type":"payment.failed","data":{"payerId":"%s","amount":"$12"}}"""
                .formatted(id("evt"), payer));
        Answer chat = herald.post("/api/v1/events", """
                {"eventId":"%s","type":"chat.message","data":{"sellerId":"%s","buyerId":"%s","senderName":"Bo",
                 "preview":"Is it still available?"}}""".formatted(id("evt"), seller, buyer));
        Answer purchased = herald.post("/api/v1/events", """
                {"eventId":"%s","type":"order.purchased","data":{"sellerId":"%s","orderId":"D-9"}}"""
                .formatted(id("evt"), seller));

        assertThat(channelsTo(failed.body())).containsExactlyInAnyOrder(payer + ":EMAIL", payer + ":IN_APP",
                payer + ":SLACK");
        assertThat(channelsTo(chat.body())).containsExactlyInAnyOrder(seller + ":EMAIL", seller + ":PUSH");
        assertThat(channelsTo(purchased.body())).containsExactlyInAnyOrder(seller + ":EMAIL", seller + ":PUSH");

        String subscriber = user("en", null);
        assertThat(channelsTo(event("payment.completed", "\"payerId\":\"" + payer + "\",\"amount\":\"$3\"")))
                .containsExactlyInAnyOrder(payer + ":EMAIL", payer + ":IN_APP");
        assertThat(channelsTo(event("subscription.renewed",
                "\"subscriberId\":\"" + subscriber + "\",\"plan\":\"Pro\"")))
                .containsExactly(subscriber + ":EMAIL");
        assertThat(channelsTo(event("subscription.expiring",
                "\"subscriberId\":\"" + subscriber + "\",\"plan\":\"Pro\",\"endsOn\":\"2026-12-01\"")))
                .containsExactlyInAnyOrder(subscriber + ":EMAIL", subscriber + ":IN_APP");
        assertThat(channelsTo(event("order.payment_reminder", "\"buyerId\":\"" + buyer + "\",\"orderId\":\"F-1\"")))
                .containsExactly(buyer + ":PUSH");
        JsonNode alert = event("security.alert", "\"userId\":\"" + payer + "\",\"message\":\"New sign-in\"");
        // Every channel the payer has (email and phone, no device): EMAIL, SMS, IN_APP, KAKAO, WEBHOOK.
        assertThat(channelsTo(alert)).contains(payer + ":EMAIL", payer + ":SMS", payer + ":IN_APP")
                .doesNotContain(payer + ":PUSH", payer + ":SLACK");
    }

    private JsonNode event(String type, String dataFields) {
        Answer answer = herald.post("/api/v1/events", """
                {"eventId":"%s","type":"%s","data":{%s}}""".formatted(id("evt"), type, dataFields));
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(202);
        return answer.body();
    }

    @Test
    void koreanTextTravelsAsUtf8ThroughSmtpAndIntoSms() throws Exception {
        String payer = user("ko", null);
        herald.post("/api/v1/events", """
                {"eventId":"%s","type":"payment.completed","data":{"payerId":"%s","amount":"₩12,000"}}"""
                .formatted(id("evt"), payer), "Prefer", "wait=10");
        await().atMost(Duration.ofSeconds(10)).until(() -> Arrays.stream(greenMail.getReceivedMessages())
                .anyMatch(m -> recipientIs(m, payer + "@example.com")));
        MimeMessage mail = Arrays.stream(greenMail.getReceivedMessages())
                .filter(m -> recipientIs(m, payer + "@example.com")).findFirst().orElseThrow();
        assertThat(mail.getSubject()).isEqualTo("결제 완료");
        assertThat(com.icegreen.greenmail.util.GreenMailUtil.getBody(mail)).isNotBlank();

        herald.put("/api/v1/types/otp.ko", "{\"channels\":[\"SMS\"]}");
        herald.put("/api/v1/templates/otp.ko/sms/ko", "{\"text\":\"인증번호는 {{code}}입니다\"}");
        herald.put("/api/v1/templates/otp.ko/sms/default", "{\"text\":\"Your code is {{code}}\"}");
        herald.post("/api/v1/notifications", """
                {"type":"otp.ko","recipients":["%s"],"data":{"code":"482913"}}""".formatted(payer));
        assertThat(sandbox("SMS", "+821012345678").get("text").asString()).isEqualTo("인증번호는 482913입니다");
    }

    private static boolean recipientIs(MimeMessage m, String address) {
        try {
            return m.getAllRecipients()[0].toString().equals(address);
        } catch (MessagingException e) {
            return false;
        }
    }

    private static List<String> channelsTo(JsonNode notification) {
        List<String> out = new ArrayList<>();
        notification.get("deliveries").forEach(d -> out.add(d.get("recipient").asString() + ":"
                + d.get("channel").asString()));
        return out;
    }

    @Test
    void anUnknownTypeAMissingRecipientFieldOrAMissingVariableIsA422AndWritesNothing() {
        String buyer = user("en", id("tok"));
        long before = rows("notification");

        Answer unknown = herald.post("/api/v1/events", """
                {"eventId":"%s","type":"nothing.like.this","data":{}}""".formatted(id("evt")));
        Answer noBuyer = herald.post("/api/v1/events", """
                {"eventId":"%s","type":"order.shipped","data":{"orderId":"E-1"}}""".formatted(id("evt")));
        Answer noOrder = herald.post("/api/v1/events", """
                {"eventId":"%s","type":"order.shipped","data":{"buyerId":"%s"}}""".formatted(id("evt"), buyer));

        assertThat(unknown.status()).isEqualTo(422);
        assertThat(unknown.body().get("errors").get(0).get("field").asString()).isEqualTo("type");
        assertThat(noBuyer.status()).isEqualTo(422);
        assertThat(noBuyer.body().get("errors").get(0).get("field").asString()).isEqualTo("data.buyerId");
        assertThat(noOrder.status()).isEqualTo(422);
        assertThat(noOrder.body().get("errors").get(0).get("field").asString()).isEqualTo("data.orderId");
        assertThat(rows("notification")).isEqualTo(before);
    }
}
