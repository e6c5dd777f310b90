package dev.herald.server;

import dev.herald.server.HeraldClient.Answer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Push devices registered through the API, and push notifications fanning out to every device of a user. */
class DeviceApiTest extends EmbeddedHeraldTest {
    private static final String APNS_TOKEN = "a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90";

    // The application context (and its database) outlives this class, so every test has a user of its own.
    private String cy;
    private String fcmToken;

    @BeforeEach
    void cyExists() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        cy = "cy-" + suffix;
        fcmToken = "dXk" + suffix + ":APA91bH-x_y";
        assertThat(herald.put("/api/v1/users/" + cy, "{\"email\":\"cy@example.com\"}").status()).isEqualTo(201);
    }

    private String devices(String userId) {
        return "/api/v1/users/" + userId + "/devices";
    }

    private Answer register(String userId, String platform, String token) {
        return herald.post(devices(userId), "{\"platform\":\"%s\",\"token\":\"%s\"}".formatted(platform, token));
    }

    private static String encoded(String pathSegment) {
        return URLEncoder.encode(pathSegment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static List<String> tokens(JsonNode list) {
        List<String> tokens = new ArrayList<>();
        list.forEach(d -> tokens.add(d.get("platform").asString() + ":" + d.get("token").asString()));
        return tokens;
    }

    private static void assertProblem(Answer answer, int status, String field, String rule) {
        assertThat(answer.status()).isEqualTo(status);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.body().get("status").asInt()).isEqualTo(status);
        if (field != null) {
            assertThat(answer.body().get("errors").findValuesAsString("field")).contains(field);
            assertThat(answer.body().get("errors").findValuesAsString("rule")).contains(rule);
        }
        assertThat(answer.raw().body()).doesNotContain("Exception");
    }

    @Test
    void aNewDeviceIsCreatedAndRegisteringItAgainChangesNothing() {
        Answer first = register(cy, "apns", APNS_TOKEN + "01");
        Answer again = register(cy, "apns", APNS_TOKEN + "01");

        assertThat(first.status()).isEqualTo(201);
        assertThat(first.body().get("platform").asString()).isEqualTo("apns");
        assertThat(first.body().get("token").asString()).isEqualTo(APNS_TOKEN + "01");
        assertThat(first.body().get("registeredAt").asString()).isNotBlank();
        assertThat(again.status()).isEqualTo(200);
        assertThat(tokens(herald.get(devices(cy)).body())).containsExactly("apns:" + APNS_TOKEN + "01");
    }

    @Test
    void aUsersDevicesAreListedAndRemovedOneByOne() {
        register(cy, "apns", APNS_TOKEN + "02");
        register(cy, "FCM", fcmToken);

        assertThat(tokens(herald.get(devices(cy)).body()))
                .containsExactlyInAnyOrder("apns:" + APNS_TOKEN + "02", "fcm:" + fcmToken);

        assertThat(herald.delete(devices(cy) + "/" + encoded(fcmToken)).status()).isEqualTo(204);
        assertProblem(herald.delete(devices(cy) + "/" + encoded(fcmToken)), 404, null, null);
        assertThat(tokens(herald.get(devices(cy)).body())).containsExactly("apns:" + APNS_TOKEN + "02");
    }

    @Test
    void aDeviceIsRemovedOnlyByItsOwnUser() {
        register(cy, "apns", APNS_TOKEN + "03");
        herald.put("/api/v1/users/" + cy + "-other", "{\"email\":\"other@example.com\"}");

        assertProblem(herald.delete(devices(cy + "-other") + "/" + APNS_TOKEN + "03"), 404, null, null);
        assertThat(tokens(herald.get(devices(cy)).body())).containsExactly("apns:" + APNS_TOKEN + "03");
    }

    @ParameterizedTest(name = "token with {0}")
    @ValueSource(strings = {"colon:", "tilde~", "dot.", "equals=", "plus+", "dash-under_"})
    void anyTokenThatCanBeRegisteredCanBeRemoved(String token) {
        assertThat(register(cy, "fcm", token).status()).isEqualTo(201);

        assertThat(herald.delete(devices(cy) + "/" + encoded(token)).status()).isEqualTo(204);
        assertThat(herald.get(devices(cy)).body()).isEmpty();
    }

    /** A token that could never be addressed in DELETE …/devices/{token} is refused at registration. */
    @ParameterizedTest(name = "token with {0}")
    @ValueSource(strings = {"abc/def", "percent%", "question?", "hash#", "semicolon;"})
    void aTokenWithUrlSyntaxIsRefused(String token) {
        long before = rows("device");

        assertProblem(register(cy, "fcm", token), 400, "token", "format");
        assertThat(rows("device")).isEqualTo(before);
    }

    @Test
    void aUserKeepsOnlyTheTenNewestDevices() {
        for (int i = 1; i <= 12; i++) {
            assertThat(register(cy, "fcm", "device-%02d".formatted(i)).status()).isEqualTo(201);
        }

        List<String> kept = tokens(herald.get(devices(cy)).body());
        assertThat(kept).hasSize(10).doesNotContain("fcm:device-01", "fcm:device-02").contains("fcm:device-12");
    }

    @Test
    void anUnknownUserIs404AndNothingIsStored() {
        long before = rows("device");

        assertProblem(register("nobody-" + cy, "apns", APNS_TOKEN + "04"), 404, null, null);
        assertProblem(herald.get(devices("nobody-" + cy)), 404, null, null);
        assertThat(rows("device")).isEqualTo(before);
    }

    @Test
    void aTokenOfTheLongestAllowedLengthIsAccepted() {
        assertThat(register(cy, "fcm", "t".repeat(512)).status()).isEqualTo(201);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            unknown platform | {"platform":"wns","token":"abc"}      | platform | one-of
            missing platform | {"token":"abc"}                       | platform | required
            missing token    | {"platform":"apns"}                   | token    | required
            blank token      | {"platform":"apns","token":"  "}      | token    | required
            token with space | {"platform":"apns","token":"ab cd"}   | token    | format
            unknown field    | {"platform":"apns","token":"a","x":1} | x        | unknown-field
            """)
    void aBadDeviceIsRefusedByField(String name, String body, String field, String rule) {
        long before = rows("device");

        assertProblem(herald.post(devices(cy), body), 400, field, rule);
        assertThat(rows("device")).isEqualTo(before);
    }

    @Test
    void aTooLongTokenOrABadUserIdIsRefusedByField() {
        long before = rows("device");

        assertProblem(register(cy, "fcm", "t".repeat(513)), 400, "token", "max-length");
        assertProblem(register("cy%20smith", "fcm", "abc"), 400, "userId", "format");
        assertThat(rows("device")).isEqualTo(before);
    }

    @Test
    void pushGoesToEveryRegisteredDeviceOfTheUser() {
        register(cy, "apns", APNS_TOKEN + "05");
        register(cy, "fcm", fcmToken);

        Answer answer = herald.post("/api/v1/notifications", """
                {"type":"order.shipped","recipients":["%s"],"channels":["PUSH"],
                 "content":{"title":"Shipped","body":"Your order is on its way"}}""".formatted(cy), "Prefer", "wait=10");

        assertThat(answer.status()).isEqualTo(200);
        JsonNode deliveries = answer.body().get("deliveries");
        assertThat(deliveries).hasSize(2);
        assertThat(deliveries.findValuesAsString("status")).containsExactly("SENT", "SENT");
        String id = answer.body().get("id").asString();
        JsonNode detail = herald.get("/api/v1/notifications/" + id).body().get("deliveries");
        assertThat(detail.findValuesAsString("address"))
                .containsExactlyInAnyOrder("apns:" + APNS_TOKEN + "05", "fcm:" + fcmToken);
        for (JsonNode delivery : detail) {
            JsonNode captured = herald.get("/api/v1/sandbox/messages?channel=PUSH&to="
                    + encoded(delivery.get("address").asString())).body().get("items");
            assertThat(captured.findValuesAsString("deliveryId")).containsExactly(delivery.get("id").asString());
            assertThat(captured.get(0).get("subject").asString()).isEqualTo("Shipped");
            assertThat(captured.get(0).get("text").asString()).isEqualTo("Your order is on its way");
        }
    }

    @Test
    void pushToAUserWithoutDevicesFailsAtOnceSayingSo() {
        Answer answer = herald.post("/api/v1/notifications", """
                {"type":"order.shipped","recipients":["%s"],"channels":["PUSH"],
                 "content":{"title":"Shipped","body":"Your order is on its way"}}""".formatted(cy), "Prefer", "wait=10");

        assertThat(answer.status()).isEqualTo(200);
        JsonNode deliveries = answer.body().get("deliveries");
        assertThat(deliveries).hasSize(1);
        assertThat(deliveries.get(0).get("channel").asString()).isEqualTo("PUSH");
        assertThat(deliveries.get(0).get("status").asString()).isEqualTo("FAILED");
        assertThat(deliveries.get(0).get("error").asString()).contains("no registered device");
    }
}
