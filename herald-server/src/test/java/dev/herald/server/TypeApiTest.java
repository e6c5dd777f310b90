package dev.herald.server;

import dev.herald.core.model.TenantId;
import dev.herald.core.tenancy.ApiKeys;
import dev.herald.core.tenancy.Scope;
import dev.herald.server.HeraldClient.Answer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Notification types: the seed rules, editing them, and requests that leave channels and priority to the type. */
class TypeApiTest extends EmbeddedHeraldTest {
    @Autowired
    ApiKeys keys;

    private static List<String> channels(JsonNode notification) {
        List<String> channels = new ArrayList<>();
        notification.get("deliveries").forEach(d -> channels.add(d.get("channel").asString()));
        return channels;
    }

    @Test
    void theSeedRulesShipAsDefaults() {
        JsonNode types = herald.get("/api/v1/types").body();

        assertThat(types.findValuesAsString("name")).contains("payment.completed", "payment.failed",
                "subscription.renewed", "subscription.expiring", "chat.message", "order.purchased",
                "order.payment_reminder", "order.shipped", "security.alert");
        JsonNode shipped = herald.get("/api/v1/types/order.shipped").body();
        assertThat(shipped.get("channels").get(0).asString()).isEqualTo("PUSH");
        assertThat(shipped.get("recipientFields").get(0).asString()).isEqualTo("buyerId");
        JsonNode alert = herald.get("/api/v1/types/security.alert").body();
        assertThat(alert.get("everyChannel").asBoolean()).isTrue();
        assertThat(alert.get("critical").asBoolean()).isTrue();
    }

    @Test
    void aRequestWithoutChannelsOrPriorityFollowsItsType() {
        String user = "t-" + UUID.randomUUID().toString().substring(0, 8);
        herald.put("/api/v1/users/" + user, "{\"email\":\"" + user + "@example.com\",\"phone\":\"+821012340000\"}");
        assertThat(herald.put("/api/v1/types/invoice.ready", """
                {"channels":["EMAIL","SMS"],"priority":"HIGH","expiry":"PT1H","recipientFields":["customerId"]}""")
                .status()).isEqualTo(201);

        Answer invoice = herald.post("/api/v1/notifications", """
                {"type":"invoice.ready","recipients":["%s"],"content":{"title":"Invoice","body":"Ready"}}"""
                .formatted(user), "Prefer", "wait=10");
        Answer alert = herald.post("/api/v1/notifications", """
                {"type":"security.alert","recipients":["%s"],"priority":"LOW",
                 "content":{"title":"New sign-in","body":"From Seoul"}}""".formatted(user), "Prefer", "wait=10");

        assertThat(channels(invoice.body())).containsExactly("EMAIL", "SMS");
        JsonNode invoiceDetail = herald.get("/api/v1/notifications/" + invoice.body().get("id").asString()).body();
        assertThat(invoiceDetail.get("priority").asString()).isEqualTo("HIGH");
        JsonNode alertDetail = herald.get("/api/v1/notifications/" + alert.body().get("id").asString()).body();
        // Critical: the CRITICAL lane whatever the request said, on every channel the user can be reached.
        assertThat(alertDetail.get("priority").asString()).isEqualTo("CRITICAL");
        assertThat(channels(alert.body())).contains("EMAIL", "SMS", "IN_APP").doesNotContain("PUSH", "SLACK");
        assertThat(alert.body().get("deliveries").findValuesAsString("status")).doesNotContain("FAILED");
    }

    @Test
    void aTypesFixedSlackChannelGetsOnePostPerNotification() {
        herald.put("/api/v1/types/deploy.failed", """
                {"channels":["EMAIL","SLACK"],"fixedRecipients":{"slack":"https://hooks.slack.com/services/T/B/ops"}}""");
        herald.put("/api/v1/users/dev1", "{\"email\":\"dev1@example.com\"}");
        herald.put("/api/v1/users/dev2", "{\"email\":\"dev2@example.com\"}");

        Answer answer = herald.post("/api/v1/notifications", """
                {"type":"deploy.failed","recipients":["dev1","dev2"],"content":{"body":"Build 42 failed"}}""");

        assertThat(channels(answer.body())).containsExactlyInAnyOrder("SLACK", "EMAIL", "EMAIL");
    }

    @Test
    void anUnknownTypeWithoutChannelsIsRefusedNamingChannels() {
        Answer answer = herald.post("/api/v1/notifications", """
                {"type":"nobody.defined.this","recipients":[{"email":"x@example.com"}],"content":{"body":"x"}}""");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body().get("errors").get(0).get("field").asString()).isEqualTo("channels");
        assertThat(answer.body().get("detail").asString()).contains("PUT /api/v1/types/nobody.defined.this");
    }

    @Test
    void badRulesAreRefusedByFieldAndOnlyAdminsMayEditTypes() {
        Answer bad = herald.put("/api/v1/types/bad.rule", """
                {"channels":["EMAIL","FAX"],"everyChannel":true,"priority":"URGENT","expiry":"PT0S",
                 "fixedRecipients":{"slack":"not a url","push":"x"},"recipientFields":["9lives"]}""");

        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body().get("errors").findValuesAsString("field")).contains("channels[1]", "channels",
                "priority", "expiry", "fixedRecipients.slack", "fixedRecipients.push", "recipientFields[0]");
        assertThat(herald.get("/api/v1/types/bad.rule").status()).isEqualTo(404);

        String sender = keys.issue(TenantId.defaultTenant(), "sender", Set.of(Scope.SEND, Scope.READ)).secret();
        assertThat(herald.withKey(sender).put("/api/v1/types/x.y", "{\"channels\":[\"EMAIL\"]}").status())
                .isEqualTo(403);
        assertThat(herald.withKey(sender).get("/api/v1/types/order.shipped").status()).isEqualTo(200);
    }

    @Test
    void aDeletedTypeIsGoneAtOnce() {
        herald.put("/api/v1/types/temp.type", "{\"channels\":[\"EMAIL\"]}");
        assertThat(herald.post("/api/v1/notifications", """
                {"type":"temp.type","recipients":[{"email":"x@example.com"}],"content":{"body":"x"}}""").status())
                .isEqualTo(202);

        assertThat(herald.delete("/api/v1/types/temp.type").status()).isEqualTo(204);

        assertThat(herald.delete("/api/v1/types/temp.type").status()).isEqualTo(404);
        assertThat(herald.post("/api/v1/notifications", """
                {"type":"temp.type","recipients":[{"email":"x@example.com"}],"content":{"body":"x"}}""").status())
                .isEqualTo(400);
    }
}
