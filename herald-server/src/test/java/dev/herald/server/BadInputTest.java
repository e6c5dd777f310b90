package dev.herald.server;

import dev.herald.server.HeraldClient.Answer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import java.io.ByteArrayInputStream;
import java.util.Collections;

/** Every kind of bad input gets a 4xx problem+json naming the field and rule, and writes nothing. */
class BadInputTest extends EmbeddedHeraldTest {
    private long notificationsBefore;
    private long deliveriesBefore;

    @BeforeEach
    void countRows() {
        herald.put("/api/v1/users/ann", "{\"email\":\"ann@example.com\"}");
        notificationsBefore = rows("notification");
        deliveriesBefore = rows("delivery");
    }

    @AfterEach
    void nothingWasWritten() {
        assertThat(rows("notification")).isEqualTo(notificationsBefore);
        assertThat(rows("delivery")).isEqualTo(deliveriesBefore);
    }

    private static void assertProblem(Answer answer, int status, String field, String rule) {
        assertThat(answer.status()).isEqualTo(status);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.body().get("status").asInt()).isEqualTo(status);
        assertThat(answer.body().get("type").asString()).startsWith("urn:herald:problem:");
        if (field != null) {
            assertThat(answer.body().get("errors").findValuesAsString("field")).contains(field);
            assertThat(answer.body().get("errors").findValuesAsString("rule")).contains(rule);
        }
        assertThat(answer.text()).doesNotContain("Exception").doesNotContain("at dev.herald");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            malformed JSON             | {"type": "a",                                                                                  | body                  | json
            recipients not an array    | {"type":"a","recipients":"ann","channels":["EMAIL"],"content":{"body":"x"}}                  | recipients            | type
            content not an object      | {"type":"a","recipients":["ann"],"channels":["EMAIL"],"content":"x"}                         | content               | type
            channels of numbers        | {"type":"a","recipients":["ann"],"channels":[7],"content":{"body":"x"}}                      | channels[0]           | type
            a boolean type             | {"type":true,"recipients":["ann"],"channels":["EMAIL"],"content":{"body":"x"}}               | type                  | type
            a number idempotency key   | {"type":"a","recipients":["ann"],"channels":["EMAIL"],"content":{"body":"x"},"idempotencyKey":0} | idempotencyKey   | type
            a float title              | {"type":"a","recipients":["ann"],"channels":["EMAIL"],"content":{"title":1.5,"body":"x"}}    | content.title         | type
            NUL in the body            | {"type":"a","recipients":["ann"],"channels":["EMAIL"],"content":{"body":"x\\u0000y"}}        | content.body          | nul
            NUL in the html            | {"type":"a","recipients":["ann"],"channels":["EMAIL"],"content":{"body":"x","html":"\\u0000"}} | content.html        | nul
            NUL in data                | {"type":"a","recipients":["ann"],"channels":["EMAIL"],"content":{"body":"x"},"data":{"k":"v\\u0000"}} | data.k       | nul
            NUL in an inline email     | {"type":"a","recipients":[{"email":"a\\u0000b@example.com"}],"channels":["EMAIL"],"content":{"body":"x"}} | recipients[0].email | nul
            NUL in an inline push token | {"type":"a","recipients":[{"pushToken":"t\\u0000"}],"channels":["PUSH"],"content":{"body":"x"}} | recipients[0].pushToken | nul
            NUL in an inline webhook   | {"type":"a","recipients":[{"webhookUrl":"https://example.com/\\u0000"}],"channels":["WEBHOOK"],"content":{"body":"x"}} | recipients[0].webhookUrl | nul
            unknown field              | {"type":"a","recipients":["ann"],"channels":["EMAIL"],"content":{"body":"x"},"chanels":[]}   | chanels               | unknown-field
            missing type               | {"recipients":["ann"],"channels":["EMAIL"],"content":{"body":"x"}}                           | type                  | required
            missing recipients         | {"type":"a","channels":["EMAIL"],"content":{"body":"x"}}                                     | recipients            | required
            empty recipients           | {"type":"a","recipients":[],"channels":["EMAIL"],"content":{"body":"x"}}                     | recipients            | required
            recipient of wrong shape   | {"type":"a","recipients":[42],"channels":["EMAIL"],"content":{"body":"x"}}                   | recipients[0]         | type
            unknown recipient field    | {"type":"a","recipients":[{"fax":"1"}],"channels":["EMAIL"],"content":{"body":"x"}}          | recipients[0].fax     | unknown-field
            unknown channel            | {"type":"a","recipients":["ann"],"channels":["EMAIL","FAX"],"content":{"body":"x"}}          | channels[1]           | unknown-value
            unknown priority           | {"type":"a","recipients":["ann"],"channels":["EMAIL"],"priority":"ASAP","content":{"body":"x"}} | priority           | unknown-value
            invalid email              | {"type":"a","recipients":[{"email":"not-an-email"}],"channels":["EMAIL"],"content":{"body":"x"}} | recipients[0].email | format
            invalid phone              | {"type":"a","recipients":[{"phone":"010-1234"}],"channels":["SMS"],"content":{"body":"x"}}   | recipients[0].phone   | format
            unknown user               | {"type":"a","recipients":["nobody"],"channels":["EMAIL"],"content":{"body":"x"}}             | recipients[0].userId  | unknown-user
            missing body               | {"type":"a","recipients":["ann"],"channels":["EMAIL"],"content":{"title":"x"}}               | content.body          | required
            missing channels           | {"type":"a","recipients":["ann"],"content":{"body":"x"}}                                     | channels              | required
            header and field keys differ | {"type":"a","recipients":["ann"],"channels":["EMAIL"],"content":{"body":"x"},"idempotencyKey":"k2"} | idempotencyKey | conflict
            """)
    void badNotificationIsRefused(String name, String body, String field, String rule) {
        Answer answer = name.startsWith("header")
                ? herald.post("/api/v1/notifications", body, "Idempotency-Key", "k1")
                : herald.post("/api/v1/notifications", body);

        assertProblem(answer, 400, field, rule);
    }

    @ParameterizedTest(name = "{0} on {1}")
    @CsvSource(delimiter = '|', textBlock = """
            00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01 | /api/v1/notifications       | trace-id
            00-00000000000000000000000000000000-00f067aa0ba902b7-01 | /api/v1/notifications       | trace-id
            00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01 | /api/v1/notifications/batch | parent-id
            ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01 | /api/v1/events              | version
            00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7    | /api/v1/events              | format
            """)
    void anInvalidTraceparentIsRefusedNamingTheHeader(String traceparent, String path, String rule) {
        String body = switch (path) {
            case "/api/v1/notifications" -> """
                    {"type":"a","recipients":["ann"],"channels":["EMAIL"],"content":{"body":"x"}}""";
            case "/api/v1/notifications/batch" -> """
                    {"notifications":[{"type":"a","recipients":["ann"],"channels":["EMAIL"],"content":{"body":"x"}}]}""";
            default -> """
                    {"eventId":"e-trace-1","type":"order.shipped","data":{"buyerId":"ann","orderId":"1"}}""";
        };

        assertProblem(herald.post(path, body, "traceparent", traceparent), 400, "traceparent", rule);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            steps and channels       | {"channels":["EMAIL"],"steps":[{"send":"EMAIL"}]}                          | steps         | conflict
            steps not an array       | {"steps":"send EMAIL"}                                                     | steps         | type
            an unknown step kind     | {"steps":[{"jump":"EMAIL"}]}                                               | steps[0]      | unknown-kind
            an unknown channel       | {"steps":[{"send":"FAX"}]}                                                 | steps[0].send | unknown-value
            a wait without duration  | {"steps":[{"send":"IN_APP"},{"until":"READ","wait":null},{"send":"SMS"}]}  | steps[1].wait | required
            a wait until clicked     | {"steps":[{"send":"IN_APP"},{"wait":"PT1M","until":"CLICKED"},{"send":"SMS"}]} | steps[1].until | unsupported
            a read that cannot come  | {"steps":[{"send":"EMAIL"},{"wait":"PT1M","until":"READ"},{"send":"SMS"}]} | steps[1].until | cannot-happen
            a wait with nothing after| {"steps":[{"send":"IN_APP"},{"wait":"PT1M"}]}                              | steps[1]      | unreachable
            a wait over thirty days  | {"steps":[{"send":"IN_APP"},{"wait":"P31D"},{"send":"SMS"}]}               | steps[1].wait | range
            """)
    void badWorkflowIsRefusedAndNothingStored(String name, String body, String field, String rule) {
        long before = rows("notification_type");
        assertProblem(herald.put("/api/v1/types/bad.flow", body), 400, field, rule);
        assertThat(rows("notification_type")).isEqualTo(before);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            settings not an object     | {"kind":"smtp","settings":"host"}                                         | settings          | type
            channels not an array      | {"kind":"smtp","settings":{"host":"127.0.0.1"},"channels":"EMAIL"}        | channels          | type
            order not a number         | {"kind":"smtp","settings":{"host":"127.0.0.1"},"order":"first"}           | order             | type
            a number kind              | {"kind":7,"settings":{"host":"127.0.0.1"}}                                | kind              | type
            NUL in a credential        | {"kind":"smtp","settings":{"host":"127.0.0.1","password":"a\\u0000b"}}   | settings.password | nul
            a duration that is none    | {"kind":"smtp","settings":{"host":"127.0.0.1","read-timeout":"soon"}}     | settings.read-timeout | type
            an FCM key file            | {"kind":"fcm","settings":{"service-account-file":"/etc/herald/fcm.json"}} | settings.service-account-file | not-allowed
            no FCM key                 | {"kind":"fcm","settings":{"project-id":"p"}}                              | settings.service-account-json | required
            an FCM key that is no JSON | {"kind":"fcm","settings":{"service-account-json":"-----BEGIN PRIVATE"}}   | settings.service-account-json | invalid
            an FCM key not a string    | {"kind":"fcm","settings":{"service-account-json":{"type":"x"}}}           | settings.service-account-json | type
            """)
    void badIntegrationIsRefusedAndNothingStored(String name, String body, String field, String rule) {
        long before = rows("integration");
        assertProblem(herald.put("/api/v1/integrations/bad-input", body), 400, field, rule);
        assertThat(rows("integration")).isEqualTo(before);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            missing url                | {"statuses":["SENT"]}                                                     | url          | required
            url not a string           | {"url":7}                                                                 | url          | type
            url not a URL              | {"url":"hooks example com"}                                               | url          | format
            url of another scheme      | {"url":"ftp://hooks.example.com/x"}                                       | url          | format
            url with user info         | {"url":"https://u:p@hooks.example.com/x"}                                 | url          | format
            NUL in the url             | {"url":"https://hooks.example.com/\\u0000"}                              | url          | nul
            an internal status         | {"url":"https://hooks.example.com/x","statuses":["SENDING"]}              | statuses[0]  | one-of
            an unknown status          | {"url":"https://hooks.example.com/x","statuses":["SENT","GONE"]}          | statuses[1]  | one-of
            statuses not an array      | {"url":"https://hooks.example.com/x","statuses":"SENT"}                   | statuses     | type
            a type that is no type     | {"url":"https://hooks.example.com/x","types":["order shipped"]}           | types[0]     | format
            unknown field              | {"url":"https://hooks.example.com/x","secret":"whsec_mine"}               | secret       | unknown-field
            """)
    void badStatusWebhookIsRefusedAndNothingStored(String name, String body, String field, String rule) {
        long before = rows("status_webhook");
        assertProblem(herald.post("/api/v1/status-webhooks", body), 400, field, rule);
        assertThat(rows("status_webhook")).isEqualTo(before);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            missing address            | {"reason":"MANUAL"}                                      | address | required
            address not a string       | {"address":7}                                            | address | type
            address of no kind         | {"address":"ann"}                                        | address | format
            email without a domain dot | {"address":"ann@example"}                                | address | format
            phone not E.164            | {"address":"+0101"}                                      | address | format
            NUL in the address         | {"address":"ann\\u0000@example.com"}                     | address | nul
            an unknown reason          | {"address":"ann@example.com","reason":"BORED"}           | reason  | one-of
            unknown field              | {"address":"ann@example.com","source":"ses"}             | source  | unknown-field
            """)
    void badSuppressionIsRefusedAndNothingStored(String name, String body, String field, String rule) {
        long before = rows("suppression");
        assertProblem(herald.post("/api/v1/suppressions", body), 400, field, rule);
        assertThat(rows("suppression")).isEqualTo(before);
    }

    @Test
    void badSuppressionQueriesAreRefused() {
        assertProblem(herald.get("/api/v1/suppressions?reason=BORED"), 400, "reason", "one-of");
        assertProblem(herald.get("/api/v1/suppressions?address=ann"), 400, "address", "format");
        assertProblem(herald.get("/api/v1/suppressions?limit=0"), 400, "limit", "range");
        assertProblem(herald.get("/api/v1/suppressions?cursor=%25%25"), 400, "cursor", "format");
        assertProblem(herald.delete("/api/v1/suppressions/not-an-address"), 400, "address", "format");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            no topics                  | {"topicArns":[]}                                                          | topicArns    | required
            topics missing             | {}                                                                        | topicArns    | required
            topics not an array        | {"topicArns":"arn:aws:sns:eu-west-1:123456789012:t"}                      | topicArns    | type
            an SQS queue's ARN         | {"topicArns":["arn:aws:sqs:eu-west-1:123456789012:t"]}                    | topicArns[0] | format
            an 11-digit account        | {"topicArns":["arn:aws:sns:eu-west-1:12345678901:t"]}                     | topicArns[0] | format
            no topic name              | {"topicArns":["arn:aws:sns:eu-west-1:123456789012:"]}                     | topicArns[0] | format
            a null topic               | {"topicArns":["arn:aws:sns:eu-west-1:123456789012:t",null]}               | topicArns[1] | format
            NUL in a topic             | {"topicArns":["arn:aws:sns:eu-west-1:123456789012:t\\u0000"]}           | topicArns[0] | nul
            unknown field              | {"topicArns":["arn:aws:sns:eu-west-1:123456789012:t"],"key":"x"}          | key          | unknown-field
            """)
    void badSesSettingsAreRefusedAndNothingStored(String name, String body, String field, String rule) {
        long before = rows("tenant_inbound");
        assertProblem(herald.put("/api/v1/inbound/ses", body), 400, field, rule);
        assertThat(rows("tenant_inbound")).isEqualTo(before);
    }

    @Test
    void moreSnsTopicsThanTheCapAreRefusedAndNothingStored() {
        long before = rows("tenant_inbound");
        String topics = java.util.stream.IntStream.rangeClosed(0, 20)
                .mapToObj(i -> "\"arn:aws:sns:eu-west-1:123456789012:t" + i + "\"")
                .collect(java.util.stream.Collectors.joining(","));
        assertProblem(herald.put("/api/v1/inbound/ses", "{\"topicArns\":[" + topics + "]}"), 400, "topicArns",
                "max-items");
        assertThat(rows("tenant_inbound")).isEqualTo(before);
    }

    @Test
    void sendGridKeysThatAreNoP256PublicKeyAreRefusedAndNothingStored() throws Exception {
        long before = rows("tenant_inbound");
        java.security.KeyPairGenerator ec = java.security.KeyPairGenerator.getInstance("EC");
        ec.initialize(new java.security.spec.ECGenParameterSpec("secp384r1"));
        String p384 = java.util.Base64.getEncoder().encodeToString(ec.generateKeyPair().getPublic().getEncoded());
        java.security.KeyPairGenerator rsa = java.security.KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        String rsaKey = java.util.Base64.getEncoder().encodeToString(rsa.generateKeyPair().getPublic().getEncoded());
        String[][] cases = {
                {"{}", "required"}, {"{\"publicKey\":\"\"}", "required"},
                {"{\"publicKey\":\"not base64!\"}", "format"},
                {"{\"publicKey\":\"" + java.util.Base64.getEncoder().encodeToString("MFkw".getBytes()) + "\"}",
                        "format"},
                {"{\"publicKey\":\"" + p384 + "\"}", "format"}, {"{\"publicKey\":\"" + rsaKey + "\"}", "format"},
                {"{\"publicKey\":\"" + "A".repeat(1025) + "\"}", "max-length"}};
        for (String[] c : cases) {
            assertProblem(herald.put("/api/v1/inbound/sendgrid", c[0]), 400, "publicKey", c[1]);
        }
        assertProblem(herald.put("/api/v1/inbound/sendgrid", "{\"publicKey\":7}"), 400, "publicKey", "type");
        assertThat(rows("tenant_inbound")).isEqualTo(before);
    }

    @Test
    void providerCallbacksRefuseBodiesTheyCannotRead() {
        assertProblem(herald.withKey(null).post("/api/v1/callbacks/ses/default", "not json"), 400, "body", "format");
        assertProblem(herald.withKey(null).post("/api/v1/callbacks/ses/default", "{\"Type\":\"Notification\"}"),
                400, "body", "format");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            topic and recipients       | {"type":"a","topic":"bad-news","recipients":["ann"],"channels":["EMAIL"],"content":{"body":"x"}} | topic | one-of
            a topic that is no key     | {"type":"a","topic":"bad news","channels":["EMAIL"],"content":{"body":"x"}}         | topic          | format
            an unknown topic           | {"type":"a","topic":"no-such-topic","channels":["EMAIL"],"content":{"body":"x"}}    | topic          | unknown-topic
            a critical broadcast       | {"type":"a","topic":"bad-news","priority":"CRITICAL","channels":["EMAIL"],"content":{"body":"x"}} | priority | topic-lane
            a broadcast without body   | {"type":"a","topic":"bad-news","channels":["EMAIL"],"content":{"title":"x"}}        | content.body   | required
            a topic not a string       | {"type":"a","topic":7,"channels":["EMAIL"],"content":{"body":"x"}}                  | topic          | type
            """)
    void badBroadcastIsRefusedAndNothingStored(String name, String body, String field, String rule) {
        herald.put("/api/v1/topics/bad-news", "{}");
        long before = rows("broadcast");
        assertProblem(herald.post("/api/v1/notifications", body), 400, field, rule);
        assertThat(rows("broadcast")).isEqualTo(before);
    }

    @Test
    void badTopicsAndSubscriberChangesAreRefusedAndNothingStored() {
        herald.put("/api/v1/topics/bad-news", "{}");
        long subscribers = rows("topic_subscriber");
        assertProblem(herald.put("/api/v1/topics/bad%20news", "{}"), 400, "key", "format");
        assertProblem(herald.put("/api/v1/topics/bad-news", "{\"name\":\"" + "n".repeat(201) + "\"}"), 400, "name",
                "max-length");
        assertProblem(herald.put("/api/v1/topics/bad-news", "{\"colour\":\"red\"}"), 400, "colour",
                "unknown-field");
        assertProblem(herald.post("/api/v1/topics/bad-news/subscribers", "{}"), 400, "add", "required");
        assertProblem(herald.post("/api/v1/topics/bad-news/subscribers", "{\"add\":[\"ann\",\"nobody\"]}"), 400,
                "add[1]", "unknown-user");
        assertProblem(herald.post("/api/v1/topics/bad-news/subscribers", "{\"add\":[null]}"), 400, "add[0]",
                "required");
        assertProblem(herald.post("/api/v1/topics/bad-news/subscribers", "{\"add\":\"ann\"}"), 400, "add",
                "type");
        assertProblem(herald.get("/api/v1/topics/bad-news/subscribers?cursor=%25%25"), 400, "cursor", "format");
        assertProblem(herald.get("/api/v1/broadcasts/not-an-id"), 400, "id", "format");
        assertProblem(herald.post("/api/v1/broadcasts/not-an-id/cancel", ""), 400, "id", "format");
        StringBuilder many = new StringBuilder("{\"add\":[");
        for (int i = 0; i <= 10_000; i++) {
            many.append(i == 0 ? "" : ",").append("\"u").append(i).append('"');
        }
        Answer tooMany = herald.post("/api/v1/topics/bad-news/subscribers", many.append("]}").toString());
        assertProblem(tooMany, 400, "add", "max-items");
        assertThat(tooMany.text()).contains("10000");
        assertThat(rows("topic_subscriber")).isEqualTo(subscribers);
    }

    @Test
    void tenThousandUnknownOrMalformedSubscribersAreNamedUpToAHundredThenCounted() {
        herald.put("/api/v1/topics/bad-news", "{}");
        long subscribers = rows("topic_subscriber");
        for (String id : List.of("nobody-%d", "bad id %d")) {
            StringBuilder many = new StringBuilder("{\"add\":[");
            for (int i = 0; i < 10_000; i++) {
                many.append(i == 0 ? "" : ",").append('"').append(id.formatted(i)).append('"');
            }
            Answer refused = herald.post("/api/v1/topics/bad-news/subscribers", many.append("]}").toString());
            assertProblem(refused, 400, "add[99]", id.startsWith("bad") ? "format" : "unknown-user");
            JsonNode errors = refused.body().get("errors");
            assertThat(errors).hasSize(101);
            assertThat(errors.get(100).get("field").asString()).isEqualTo("add");
            assertThat(errors.get(100).get("message").asString()).contains("9900 more").contains("10000 in all");
        }
        assertThat(rows("topic_subscriber")).isEqualTo(subscribers);
    }

    @Test
    void aStatusWebhookIdThatIsNoIdIsRefused() {
        assertProblem(herald.get("/api/v1/status-webhooks/not-an-id"), 400, "id", "format");
        assertProblem(herald.delete("/api/v1/status-webhooks/not-an-id"), 400, "id", "format");
    }

    @Test
    void tooManyRecipientsIsRefused() {
        StringBuilder recipients = new StringBuilder("[");
        for (int i = 0; i < 101; i++) {
            recipients.append(i == 0 ? "" : ",").append("{\"email\":\"u").append(i).append("@example.com\"}");
        }
        Answer answer = herald.post("/api/v1/notifications", """
                {"type":"a","recipients":%s,"channels":["EMAIL"],"content":{"body":"x"}}""".formatted(recipients + "]"));

        assertProblem(answer, 400, "recipients", "max-items");
    }

    @Test
    void aBodyOverTheLimitIs413() {
        String huge = "x".repeat(300 * 1024);
        Answer answer = herald.post("/api/v1/notifications", """
                {"type":"a","recipients":["ann"],"channels":["EMAIL"],"content":{"body":"%s"}}""".formatted(huge));

        assertProblem(answer, 413, null, null);
    }

    @Test
    void aChunkedBodyOverTheLimitIs413() {
        byte[] huge = ("{\"type\":\"a\",\"recipients\":[\"ann\"],\"channels\":[\"EMAIL\"],\"content\":{\"body\":\""
                + "x".repeat(300 * 1024) + "\"}}").getBytes();
        // An input stream publisher has no known length, so the client sends it chunked.
        Answer answer = herald.send(herald.request("/api/v1/notifications").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(huge))));

        assertProblem(answer, 413, null, null);
    }

    @Test
    void anUnsubscribeLinkThatIsNoTokenIs404AndAnOversizedOneClickBodyIs413() {
        HeraldClient anonymous = new HeraldClient(port, null);
        Answer unknown = anonymous.send(anonymous.request("/u/not-a-token", "Content-Type",
                "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(
                "List-Unsubscribe=One-Click")));
        assertProblem(unknown, 404, null, null);
        assertThat(unknown.body().get("type").asString()).isEqualTo("urn:herald:problem:unknown-link");

        Answer huge = anonymous.send(anonymous.request("/u/not-a-token", "Content-Type",
                "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(
                "List-Unsubscribe=One-Click&x=" + "x".repeat(300 * 1024))));
        assertProblem(huge, 413, null, null);
    }

    @Test
    void aTooLongContentFieldIsNamed() {
        Answer answer = herald.post("/api/v1/notifications", """
                {"type":"a","recipients":["ann"],"channels":["EMAIL"],"content":{"title":"%s","body":"x"}}"""
                .formatted("t".repeat(501)));

        assertProblem(answer, 400, "content.title", "max-length");
    }

    @Test
    void theWrongMediaTypeIs415() {
        Answer answer = herald.send(herald.request("/api/v1/notifications").header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("hello")));

        assertProblem(answer, 415, null, null);
    }

    @Test
    void noKeyOrABadKeyIs401() {
        Answer none = herald.withKey(null).post("/api/v1/notifications", "{}");
        Answer bad = herald.withKey("hk_not-a-real-key").get("/api/v1/notifications?userId=ann");

        assertProblem(none, 401, null, null);
        assertProblem(bad, 401, null, null);
        assertThat(none.header("WWW-Authenticate")).isEqualTo("Bearer");
    }

    @Test
    void aBatchOverTheLimitIsRefusedWhole() {
        StringBuilder items = new StringBuilder();
        for (int i = 0; i < 1001; i++) {
            items.append(i == 0 ? "" : ",").append("{\"type\":\"a\",\"recipients\":[\"ann\"],\"channels\":[\"EMAIL\"],\"content\":{\"body\":\"x\"}}");
        }
        Answer answer = herald.post("/api/v1/notifications/batch", "{\"notifications\":[" + items + "]}");

        assertProblem(answer, 400, "notifications", "max-items");
    }

    @Test
    void aNullBatchItemIsRefusedAtItsIndex() {
        Answer answer = herald.post("/api/v1/notifications/batch", "{\"notifications\":[null]}");

        assertThat(answer.status()).isEqualTo(200);
        JsonNode item = answer.body().get("results").get(0);
        assertThat(item.get("status").asInt()).isEqualTo(400);
        assertThat(item.get("problem").get("errors").get(0).get("field").asString()).isEqualTo("notifications[0]");
    }

    @Test
    void aBatchThatWouldCreateTooManyDeliveriesIsRefusedWhole() {
        StringBuilder recipients = new StringBuilder();
        for (int r = 0; r < 100; r++) {
            recipients.append(r == 0 ? "" : ",").append("{\"email\":\"u").append(r).append("@example.com\"}");
        }
        String item = "{\"type\":\"a\",\"recipients\":[" + recipients + "],\"channels\":[\"EMAIL\",\"SMS\","
                + "\"PUSH\",\"IN_APP\",\"SLACK\",\"KAKAO\",\"WEBHOOK\"],\"content\":{\"body\":\"x\"}}";
        String batch = "{\"notifications\":[" + String.join(",", Collections.nCopies(15, item)) + "]}";

        assertProblem(herald.post("/api/v1/notifications/batch", batch), 400, "notifications", "max-deliveries");
    }

    @Test
    void anEncodedApiPathStillNeedsAKey() {
        Answer answer = herald.withKey(null).get("/%61pi/v1/notifications?userId=ann");

        assertThat(answer.status()).isEqualTo(401);
    }

    @Test
    void badUserFieldsAreNamed() {
        Answer answer = herald.put("/api/v1/users/ann", """
                {"email":"nope","phone":"12","locale":"??","timeZone":"Mars/Olympus"}""");

        assertProblem(answer, 400, "email", "format");
        assertThat(answer.body().get("errors").findValuesAsString("field"))
                .containsExactlyInAnyOrder("email", "phone", "locale", "timeZone");
    }

    @Test
    void aPushTokenThatWouldNotFitItsColumnIsRefusedWithTheLimit() {
        long devicesBefore = rows("device");
        // Stored as "fcm:" + token in a VARCHAR(4096): 4,096 characters sent would not fit.
        Answer inline = herald.post("/api/v1/notifications", """
                {"type":"a","recipients":[{"pushToken":"%s"}],"channels":["PUSH"],"content":{"body":"x"}}"""
                .formatted("t".repeat(4096)));
        Answer device = herald.post("/api/v1/users/ann/devices",
                "{\"platform\":\"fcm\",\"token\":\"" + "t".repeat(4096) + "\"}");

        assertProblem(inline, 400, "recipients[0].pushToken", "max-length");
        assertThat(inline.body().get("errors").findValuesAsString("message").getFirst()).contains("4092");
        assertProblem(device, 400, "token", "max-length");
        assertThat(device.body().get("errors").findValuesAsString("message").getFirst()).contains("512");
        assertThat(rows("device")).isEqualTo(devicesBefore);
    }

    @Test
    void aPushTokenThatJustFitsIsAccepted() {
        Answer inline = herald.post("/api/v1/notifications", """
                {"type":"a","recipients":[{"pushToken":"%s"}],"channels":["PUSH"],"content":{"body":"x"}}"""
                .formatted("t".repeat(4092)));

        assertThat(inline.status()).isEqualTo(202);
        notificationsBefore++;
        deliveriesBefore++;
    }

    @Test
    void aNulInAUserFieldIsNamedAndNothingIsStored() {
        Answer answer = herald.put("/api/v1/users/bob", "{\"email\":\"bob\\u0000@example.com\"}");

        assertProblem(answer, 400, "email", "nul");
        assertThat(herald.get("/api/v1/users/bob").status()).isEqualTo(404);
    }

    @Test
    void aNulInAPathSegmentNamesThePathParameter() {
        long usersBefore = rows("app_user");

        Answer answer = herald.put("/api/v1/users/a%00b", "{\"email\":\"ann@example.com\"}");

        assertProblem(answer, 400, "userId", "nul");
        assertThat(rows("app_user")).isEqualTo(usersBefore);
    }

    @Test
    void aParameterOfTheWrongTypeIsNamed() {
        assertProblem(herald.get("/api/v1/notifications?userId=ann&limit=abc"), 400, "limit", "type");
        assertProblem(herald.get("/api/v1/notifications/not-a-uuid"), 400, "id", "type");
    }

    @Test
    void aNulInAQueryParameterIsNamed() {
        assertProblem(herald.get("/api/v1/notifications?userId=a%00b"), 400, "userId", "nul");
    }

    @Test
    void brokenPercentEncodingInTheQueryNamesTheParameter() {
        Answer answer = raw("GET /api/v1/notifications?userId=ann&cursor=%%% HTTP/1.1\r\nHost: localhost\r\n"
                + "Authorization: Bearer " + ADMIN_KEY + "\r\nConnection: close\r\n\r\n");

        assertProblem(answer, 400, "cursor", "encoding");
    }

    @Test
    void oversizedRequestHeadersGetAProblemNotTomcatsPage() {
        Answer answer = raw("GET /api/v1/notifications?userId=ann HTTP/1.1\r\nHost: localhost\r\n"
                + "Authorization: Bearer " + ADMIN_KEY + "\r\nX-Padding: " + "p".repeat(20_000)
                + "\r\nConnection: close\r\n\r\n");

        assertProblem(answer, 431, null, null);
    }

    @Test
    void springBootsErrorPathIsAProblemToo() {
        Answer answer = herald.withKey(null).get("/error");

        assertProblem(answer, 404, null, null);
    }

    @Test
    void onlyTheBatchRouteGetsTheBatchBodyLimit() {
        String padding = "x".repeat(300 * 1024);
        Answer user = herald.put("/api/v1/users/batch", "{\"email\":\"" + padding + "\"}");
        Answer batch = herald.post("/api/v1/notifications/batch", "{\"notifications\":[],\"pad\":\"" + padding + "\"}");

        assertProblem(user, 413, null, null);
        // Read whole (a JSON error, not a size refusal): the batch route may be larger than 256 KB.
        assertProblem(batch, 400, "pad", "unknown-field");
    }

    /** For requests java.net.http refuses to send (broken escapes): one request over a plain socket. */
    private Answer raw(String request) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int status = Integer.parseInt(response.substring(9, 12));
            int split = response.indexOf("\r\n\r\n");
            String head = response.substring(0, split);
            String contentType = head.lines().filter(l -> l.regionMatches(true, 0, "Content-Type:", 0, 13))
                    .map(l -> l.substring(13).trim()).findFirst().orElse(null);
            String body = response.substring(split + 4);
            if (head.toLowerCase(Locale.ROOT).contains("transfer-encoding: chunked")) {
                body = body.substring(body.indexOf("\r\n") + 2, body.lastIndexOf("\r\n0\r\n"));
            }
            return HeraldClient.rawAnswer(status, contentType, body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            an unknown action          | action=template.updated                            | action | one-of
            from not an instant        | from=yesterday                                     | from   | format
            to not after from          | from=2026-01-02T00:00:00Z&to=2026-01-02T00:00:00Z  | to     | after-from
            from out of range          | from=0001-01-01T00:00:00Z                          | from   | range
            a limit over the maximum   | limit=201                                          | limit  | range
            a limit of nothing         | limit=0                                            | limit  | range
            a malformed cursor         | cursor=%25%25                                      | cursor | format
            """)
    void badAuditQueriesAreNamed(String name, String query, String field, String rule) {
        assertProblem(herald.get("/api/v1/audit?" + query), 400, field, rule);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            tenant without id            | POST  | /api/v1/tenants         | {"name":"x"}                                   | id        | required
            tenant id with a slash       | POST  | /api/v1/tenants         | {"id":"a/b","name":"x"}                        | id        | format
            tenant id in capitals        | POST  | /api/v1/tenants         | {"id":"Acme","name":"x"}                       | id        | format
            tenant id of 65 characters   | POST  | /api/v1/tenants         | {"id":"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa","name":"x"} | id | format
            tenant id a number           | POST  | /api/v1/tenants         | {"id":7,"name":"x"}                            | id        | type
            tenant without name          | POST  | /api/v1/tenants         | {"id":"bad-input-x"}                           | name      | required
            tenant name with NUL         | POST  | /api/v1/tenants         | {"id":"bad-input-x","name":"a\\u0000"}        | name      | nul
            tenant change of nothing     | PATCH | /api/v1/tenants/default | {}                                             | body      | required
            tenant suspended not boolean | PATCH | /api/v1/tenants/default | {"suspended":"yes"}                            | suspended | type
            tenant blank new name        | PATCH | /api/v1/tenants/default | {"name":" "}                                   | name      | required
            key without name             | POST  | /api/v1/api-keys        | {"scopes":["send"]}                            | name      | required
            key without scopes           | POST  | /api/v1/api-keys        | {"name":"x"}                                   | scopes    | required
            key with no scopes           | POST  | /api/v1/api-keys        | {"name":"x","scopes":[]}                       | scopes    | required
            key with an unknown scope    | POST  | /api/v1/api-keys        | {"name":"x","scopes":["send","root"]}          | scopes[1] | one-of
            key scopes not an array      | POST  | /api/v1/api-keys        | {"name":"x","scopes":"send"}                   | scopes    | type
            key expiry not an instant    | POST  | /api/v1/api-keys        | {"name":"x","scopes":["send"],"expiresAt":"tomorrow"} | expiresAt | format
            key expiry in the past       | POST  | /api/v1/api-keys        | {"name":"x","scopes":["send"],"expiresAt":"2020-01-01T00:00:00Z"} | expiresAt | future
            key name with NUL            | POST  | /api/v1/api-keys        | {"name":"a\\u0000","scopes":["send"]}         | name      | nul
            """)
    void badTenantOrKeyIsRefusedAndNothingIsMade(String name, String method, String path, String body, String field,
                                                 String rule) {
        long tenants = rows("tenant");
        long keys = rows("api_key");

        Answer answer = herald.send(herald.request(path, "Content-Type", "application/json").method(method,
                HttpRequest.BodyPublishers.ofString(body)));

        assertProblem(answer, 400, field, rule);
        assertThat(rows("tenant")).isEqualTo(tenants);
        assertThat(rows("api_key")).isEqualTo(keys);
        assertThat(herald.get("/api/v1/tenants/default").body().get("name").asString()).isNotBlank();
    }

    @Test
    void aMalformedIdOrCursorIs400() {
        assertThat(herald.get("/api/v1/notifications/not-a-uuid").status()).isEqualTo(400);
        assertProblem(herald.get("/api/v1/notifications?userId=ann&cursor=%25%25"), 400, "cursor", "format");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            userId=                                 | userId  | length
            type=not%20a%20type                     | type    | format
            status=PIGEON                           | status  | one-of
            channel=PIGEON                          | channel | one-of
            from=yesterday                          | from    | format
            to=2026-13-01T00:00:00Z                 | to      | format
            from=1999-12-31T00:00:00Z               | from    | range
            from=2026-11-02T00:00:00Z&to=2026-11-01T00:00:00Z | to | after-from
            limit=0                                 | limit   | range
            limit=101                               | limit   | range
            """)
    void aBadNotificationSearchFilterIsNamed(String query, String field, String rule) {
        assertProblem(herald.get("/api/v1/notifications?" + query), 400, field, rule);
    }

    @Test
    void theFailureListRefusesABadLimitOrCursor() {
        assertProblem(herald.get("/api/v1/dashboard/delivery/failures?limit=abc"), 400, "limit", "range");
        assertProblem(herald.get("/api/v1/dashboard/delivery/failures?limit=500"), 400, "limit", "range");
        assertProblem(herald.get("/api/v1/dashboard/delivery/failures?cursor=%25%25"), 400, "cursor", "format");
        assertProblem(herald.get("/api/v1/dashboard/delivery/failures?cursor=AAAA"), 400, "cursor", "format");
    }
}
