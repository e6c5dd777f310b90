package dev.herald.server;

import dev.herald.server.HeraldClient.Answer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.util.Arrays;

/** Versioned templates: a new version goes live at once, a rollback is one call, preview shows the result. */
class TemplateApiTest extends EmbeddedHeraldTest {

    @Test
    void aNewVersionTakesEffectAndRollbackBringsTheOldTextBack() throws Exception {
        String type = "promo." + UUID.randomUUID().toString().substring(0, 8);
        herald.put("/api/v1/types/" + type, "{\"channels\":[\"EMAIL\"],\"dedupWindow\":\"PT0S\"}");
        Answer v1 = herald.put("/api/v1/templates/" + type + "/email/default", """
                {"subject":"Sale: {{percent}}% off","text":"Hi {{name}}, {{percent}}% off today.",
                 "html":"<p>Hi {{name}} &amp; friends</p>"}""");
        Answer v2 = herald.put("/api/v1/templates/" + type + "/email/default", """
                {"subject":"Mega sale","text":"Hi {{name}}, everything must go."}""");

        assertThat(v1.status()).isEqualTo(201);
        assertThat(v1.body().get("version").asInt()).isEqualTo(1);
        assertThat(v2.body().get("version").asInt()).isEqualTo(2);
        JsonNode preview = herald.post("/api/v1/templates/preview", """
                {"type":"%s","channel":"EMAIL","locale":"en-GB","data":{"name":"<Ann>"}}""".formatted(type)).body();
        assertThat(preview.get("subject").asString()).isEqualTo("Mega sale");
        assertThat(preview.get("text").asString()).isEqualTo("Hi <Ann>, everything must go.");

        assertThat(herald.post("/api/v1/templates/" + type + "/email/default/versions/1/activate", "").status())
                .isEqualTo(200);
        JsonNode back = herald.post("/api/v1/templates/preview", """
                {"type":"%s","channel":"EMAIL","data":{"name":"<Ann>","percent":30}}""".formatted(type)).body();
        assertThat(back.get("subject").asString()).isEqualTo("Sale: 30% off");
        // Escaped in HTML only.
        assertThat(back.get("text").asString()).isEqualTo("Hi <Ann>, 30% off today.");
        assertThat(back.get("html").asString()).isEqualTo("<p>Hi &lt;Ann&gt; &amp; friends</p>");
        JsonNode versions = herald.get("/api/v1/templates/" + type + "/email/default/versions").body();
        assertThat(versions).hasSize(2);
        assertThat(versions.get(1).get("active").asBoolean()).isTrue();

        String id = herald.post("/api/v1/notifications", """
                {"type":"%s","recipients":[{"email":"ann@example.com"}],"data":{"name":"Ann","percent":30}}"""
                .formatted(type), "Prefer", "wait=10").body().get("id").asString();
        JsonNode delivery = herald.get("/api/v1/notifications/" + id).body().get("deliveries").get(0);
        assertThat(delivery.get("status").asString()).isEqualTo("SENT");
        // The rollback decided what went out: version 1's subject, rendered with the data.
        MimeMessage sent = Arrays.stream(greenMail.getReceivedMessages())
                .filter(m -> {
                    try {
                        String[] header = m.getHeader("X-Herald-Delivery-Id");
                        return header != null && header[0].equals(delivery.get("id").asString());
                    } catch (MessagingException e) {
                        return false;
                    }
                }).findFirst().orElseThrow();
        assertThat(sent.getSubject()).isEqualTo("Sale: 30% off");
    }

    @Test
    void aMissingVariableIsA422NamingItAndBadKeysAreNamed() {
        String type = "bill." + UUID.randomUUID().toString().substring(0, 8);
        herald.put("/api/v1/types/" + type, "{\"channels\":[\"SMS\"]}");
        herald.put("/api/v1/templates/" + type + "/sms/default", "{\"text\":\"Pay {{amount}} by {{due}}\"}");

        Answer missing = herald.post("/api/v1/notifications", """
                {"type":"%s","recipients":[{"phone":"+821012345678"}],"data":{"amount":"$5"}}""".formatted(type));
        Answer noTemplate = herald.post("/api/v1/notifications", """
                {"type":"%s","recipients":[{"email":"a@example.com"}],"channels":["EMAIL"],"data":{}}"""
                .formatted(type));
        Answer badKey = herald.put("/api/v1/templates/bad%20type/fax/xx_YY!", "{\"text\":\"x\"}");
        Answer noText = herald.put("/api/v1/templates/" + type + "/sms/default", "{\"subject\":\"x\"}");
        Answer noVersion = herald.post("/api/v1/templates/" + type + "/sms/default/versions/9/activate", "");
        Answer unclosed = herald.put("/api/v1/templates/" + type + "/sms/default", "{\"text\":\"Hi {{#a}} there\"}");
        Answer partial = herald.put("/api/v1/templates/" + type + "/sms/default", "{\"text\":\"{{>footer}}\"}");
        herald.put("/api/v1/templates/" + type + "/sms/ko", "{\"text\":\"{{#items}}{{name}}{{/items}}\"}");
        herald.put("/api/v1/users/kim", "{\"phone\":\"+821099998888\",\"locale\":\"ko-kr\"}");
        Answer sectionMismatch = herald.post("/api/v1/notifications", """
                {"type":"%s","recipients":["kim"],"data":{"items":[{"other":1}]}}""".formatted(type));
        herald.put("/api/v1/types/" + type + ".mail", "{\"channels\":[\"EMAIL\"]}");
        herald.put("/api/v1/templates/" + type + ".mail/email/default", "{\"subject\":\"{{amount}}\",\"text\":\"x\"}");
        Answer tooLong = herald.post("/api/v1/notifications", """
                {"type":"%s.mail","recipients":[{"email":"a@example.com"}],"data":{"amount":"%s"}}"""
                .formatted(type, "9".repeat(2_000)));
        assertThat(unclosed.status()).isEqualTo(400);
        assertThat(unclosed.body().get("errors").get(0).get("field").asString()).isEqualTo("text");
        assertThat(partial.status()).isEqualTo(400);
        assertThat(sectionMismatch.status()).isEqualTo(422);
        assertThat(sectionMismatch.body().get("errors").get(0).get("rule").asString()).isEqualTo("template-mismatch");
        assertThat(tooLong.status()).isEqualTo(422);

        assertThat(missing.status()).isEqualTo(422);
        assertThat(missing.body().get("errors").get(0).get("field").asString()).isEqualTo("data.due");
        assertThat(noTemplate.status()).isEqualTo(422);
        assertThat(noTemplate.body().get("errors").get(0).get("rule").asString()).isEqualTo("no-template");
        assertThat(badKey.status()).isEqualTo(400);
        assertThat(badKey.body().get("errors").findValuesAsString("field")).contains("type", "channel", "locale");
        assertThat(noText.status()).isEqualTo(400);
        assertThat(noVersion.status()).isEqualTo(404);
    }
}
