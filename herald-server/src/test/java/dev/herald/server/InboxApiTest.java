package dev.herald.server;

import dev.herald.server.HeraldClient.Answer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The in-app inbox end to end: IN_APP notifications in, a user's browser reading them with its user token. */
class InboxApiTest extends EmbeddedHeraldTest {
    private static final Duration PATIENCE = Duration.ofSeconds(10);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    // The application context (and its database) outlives this class, so every test has users of its own.
    private String ann;
    private String bob;
    private String annToken;
    private String bobToken;
    private HeraldClient annBrowser;
    private HeraldClient bobBrowser;

    @BeforeEach
    void annAndBobAreSignedIn() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        ann = "ann-" + suffix;
        bob = "bob-" + suffix;
        assertThat(herald.put("/api/v1/users/" + ann, "{\"email\":\"ann@example.com\"}").status()).isEqualTo(201);
        assertThat(herald.put("/api/v1/users/" + bob, "{\"email\":\"bob@example.com\"}").status()).isEqualTo(201);
        annToken = tokenFor(ann);
        bobToken = tokenFor(bob);
        annBrowser = herald.withKey(annToken);
        bobBrowser = herald.withKey(bobToken);
    }

    private String tokenFor(String userId) {
        Answer answer = herald.post("/api/v1/users/" + userId + "/inbox-token", "");
        assertThat(answer.status()).isEqualTo(200);
        return answer.body().get("token").asString();
    }

    /** Sends an in-app notification and waits until its delivery is final; returns the notification id. */
    private String sendInApp(String userId, String title) {
        Answer answer = herald.post("/api/v1/notifications", """
                {"type":"comment.added","recipients":["%s"],"channels":["IN_APP"],
                 "content":{"title":"%s","body":"body of %s"}}""".formatted(userId, title, title), "Prefer", "wait=10");
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body().get("deliveries").get(0).get("status").asString()).isEqualTo("SENT");
        return answer.body().get("id").asString();
    }

    private static JsonNode messageOf(JsonNode page, String notificationId) {
        for (JsonNode m : page.get("messages")) {
            if (m.get("notificationId").asString().equals(notificationId)) {
                return m;
            }
        }
        throw new AssertionError("no message of notification " + notificationId + " in " + page);
    }

    private static List<String> titles(JsonNode page) {
        List<String> titles = new ArrayList<>();
        page.get("messages").forEach(m -> titles.add(m.get("title").asString()));
        return titles;
    }

    private JsonNode inAppDelivery(String notificationId) {
        return herald.get("/api/v1/notifications/" + notificationId).body().get("deliveries").get(0);
    }

    private static List<String> history(JsonNode delivery) {
        return delivery.get("history").findValuesAsString("status");
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

    private URI streamUri(String token) {
        return URI.create("http://127.0.0.1:" + port + "/api/v1/inbox/stream?token=" + token);
    }

    @Test
    void anInboxTokenNamesTheUserAndExpiresLater() {
        Instant before = Instant.now();

        Answer answer = herald.post("/api/v1/users/" + ann + "/inbox-token", "");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body().get("userId").asString()).isEqualTo(ann);
        assertThat(answer.body().get("token").asString()).startsWith("hu3.");
        // The default lifetime is 12 hours.
        assertThat(Instant.parse(answer.body().get("expiresAt").asString()))
                .isBetween(before.plus(Duration.ofHours(11)), before.plus(Duration.ofHours(13)));
    }

    @Test
    void aNewMessageIsListedUnreadWithTheUnreadCount() {
        String notificationId = sendInApp(ann, "New comment");

        Answer answer = annBrowser.get("/api/v1/inbox");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body().get("unread").asLong()).isEqualTo(1);
        JsonNode message = messageOf(answer.body(), notificationId);
        assertThat(message.get("title").asString()).isEqualTo("New comment");
        assertThat(message.get("body").asString()).isEqualTo("body of New comment");
        assertThat(message.get("type").asString()).isEqualTo("comment.added");
        assertThat(message.get("read").asBoolean()).isFalse();
        assertThat(message.get("id").asString()).isNotBlank();
    }

    @Test
    void onlyTheStreamTakesTheTokenAsAQueryParameter() {
        sendInApp(ann, "via query");

        // Anywhere else a token in the URL would only end up in access logs and Referer headers.
        Answer answer = herald.withKey(null).get("/api/v1/inbox?token=" + annToken);

        assertThat(answer.status()).isEqualTo(401);
    }

    @Test
    void pagesGoNewestFirstAndFollowTheCursor() {
        sendInApp(ann, "one");
        sendInApp(ann, "two");
        sendInApp(ann, "three");

        JsonNode first = annBrowser.get("/api/v1/inbox?limit=2").body();
        JsonNode second = annBrowser.get("/api/v1/inbox?limit=2&cursor=" + first.get("nextCursor").asString()).body();

        assertThat(titles(first)).containsExactly("three", "two");
        assertThat(titles(second)).containsExactly("one");
        assertThat(second.hasNonNull("nextCursor")).isFalse();
        assertThat(second.get("unread").asLong()).isEqualTo(3);
    }

    @Test
    void theCursorIsOpaqueAndARawMessageIdFromEarlierAnswersStillPages() {
        sendInApp(ann, "one");
        sendInApp(ann, "two");

        JsonNode first = annBrowser.get("/api/v1/inbox?limit=1").body();
        String lastId = first.get("messages").get(0).get("id").asString();

        assertThat(first.get("nextCursor").asString()).isNotEqualTo(lastId).hasSize(22);
        assertThat(titles(annBrowser.get("/api/v1/inbox?limit=1&cursor=" + lastId).body())).containsExactly("one");
    }

    @Test
    void theUnreadAndArchivedFiltersShowTheirPart() {
        String read = sendInApp(ann, "read");
        String archived = sendInApp(ann, "archived");
        sendInApp(ann, "untouched");
        JsonNode all = annBrowser.get("/api/v1/inbox").body();
        annBrowser.post("/api/v1/inbox/" + messageOf(all, read).get("id").asString() + "/read", "");
        annBrowser.post("/api/v1/inbox/" + messageOf(all, archived).get("id").asString() + "/archive", "");

        assertThat(titles(annBrowser.get("/api/v1/inbox").body())).containsExactly("untouched", "read");
        assertThat(titles(annBrowser.get("/api/v1/inbox?filter=unread").body())).containsExactly("untouched");
        assertThat(titles(annBrowser.get("/api/v1/inbox?filter=archived").body())).containsExactly("archived");
        assertThat(annBrowser.get("/api/v1/inbox?filter=unread").body().get("unread").asLong()).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            unknown filter      | filter=starred     | filter | one-of
            zero limit          | limit=0            | limit  | range
            limit over maximum  | limit=101          | limit  | range
            limit not a number  | limit=ten          | limit  | range
            cursor not an id    | cursor=not-an-id   | cursor | format
            """)
    void aBadListParameterIsNamed(String name, String query, String field, String rule) {
        assertProblem(annBrowser.get("/api/v1/inbox?" + query), 400, field, rule);
    }

    @Test
    void aMessageIdThatIsNoIdIsNamed() {
        assertProblem(annBrowser.post("/api/v1/inbox/not-an-id/read", ""), 400, "messageId", "format");
        assertProblem(annBrowser.post("/api/v1/inbox/not-an-id/archive", ""), 400, "messageId", "format");
    }

    @Test
    void anOpenStreamStartsWithTheUnreadCountAndHearsNewMessagesAndReads() throws Exception {
        sendInApp(ann, "before the stream");

        try (EventStream stream = EventStream.open(streamUri(annToken))) {
            assertThat(stream.status()).isEqualTo(200);
            assertThat(stream.contentType()).startsWith("text/event-stream");
            EventStream.Event opening = stream.next(PATIENCE);
            assertThat(opening.name()).isEqualTo("unread");
            assertThat(JSON.readTree(opening.data()).get("unread").asLong()).isEqualTo(1);

            String notificationId = sendInApp(ann, "while streaming");
            EventStream.Event arrived = stream.next(PATIENCE);

            assertThat(arrived.name()).isEqualTo("message");
            JsonNode data = JSON.readTree(arrived.data());
            assertThat(data.get("unread").asLong()).isEqualTo(2);
            assertThat(data.get("message").get("title").asString()).isEqualTo("while streaming");
            assertThat(data.get("message").get("notificationId").asString()).isEqualTo(notificationId);
            assertThat(data.get("message").get("read").asBoolean()).isFalse();
            assertThat(arrived.id()).isEqualTo(data.get("message").get("id").asString());

            annBrowser.post("/api/v1/inbox/" + arrived.id() + "/read", "");
            EventStream.Event afterRead = stream.next(PATIENCE);

            assertThat(afterRead.name()).isEqualTo("unread");
            assertThat(JSON.readTree(afterRead.data()).get("unread").asLong()).isEqualTo(1);
        }
    }

    @Test
    void aStreamHearsOnlyItsOwnUsersMessages() throws Exception {
        try (EventStream bobsStream = EventStream.open(streamUri(bobToken))) {
            assertThat(bobsStream.next(PATIENCE).name()).isEqualTo("unread");

            sendInApp(ann, "for ann");
            sendInApp(bob, "for bob");

            // Ann's message went out first; had it leaked, it would be the next event on Bob's stream.
            EventStream.Event next = bobsStream.next(PATIENCE);
            assertThat(next.name()).isEqualTo("message");
            assertThat(JSON.readTree(next.data()).get("message").get("title").asString()).isEqualTo("for bob");
        }
    }

    @Test
    void aStreamWithoutAValidTokenIsRefused() throws Exception {
        try (EventStream stream = EventStream.open(streamUri("hu1.forged"))) {
            assertThat(stream.status()).isEqualTo(401);
        }
    }

    @Test
    void readingAMessageMarksItAndItsDeliveryReadOnce() {
        String notificationId = sendInApp(ann, "read me");
        sendInApp(ann, "leave me");
        String messageId = messageOf(annBrowser.get("/api/v1/inbox").body(), notificationId).get("id").asString();

        Answer read = annBrowser.post("/api/v1/inbox/" + messageId + "/read", "");
        Answer again = annBrowser.post("/api/v1/inbox/" + messageId + "/read", "");

        assertThat(read.status()).isEqualTo(200);
        assertThat(read.body().get("read").asBoolean()).isTrue();
        assertThat(read.body().get("readAt").asString()).isNotBlank();
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body().get("readAt").asString()).isEqualTo(read.body().get("readAt").asString());
        JsonNode page = annBrowser.get("/api/v1/inbox").body();
        assertThat(page.get("unread").asLong()).isEqualTo(1);
        assertThat(messageOf(page, notificationId).get("read").asBoolean()).isTrue();
        JsonNode delivery = inAppDelivery(notificationId);
        assertThat(delivery.get("status").asString()).isEqualTo("READ");
        assertThat(history(delivery)).containsExactly("QUEUED", "SENT", "READ");
    }

    @Test
    void readingTheMomentTheStreamAnnouncesAMessageStillMarksItsDeliveryRead() throws Exception {
        try (EventStream stream = EventStream.open(streamUri(annToken))) {
            stream.next(PATIENCE);
            // Not waiting for the send's outcome: a browser reacts to the stream, not to the API answer.
            String notificationId = herald.post("/api/v1/notifications", """
                    {"type":"comment.added","recipients":["%s"],"channels":["IN_APP"],
                     "content":{"title":"quick","body":"clicked at once"}}""".formatted(ann)).body().get("id").asString();
            EventStream.Event arrived = stream.next(PATIENCE);
            assertThat(arrived.name()).isEqualTo("message");

            assertThat(annBrowser.post("/api/v1/inbox/" + arrived.id() + "/read", "").status()).isEqualTo(200);

            await().atMost(PATIENCE).untilAsserted(() ->
                    assertThat(inAppDelivery(notificationId).get("status").asString()).isEqualTo("READ"));
        }
    }

    @Test
    void readAllReadsEveryUnreadMessageAndMarksTheirDeliveriesRead() {
        String first = sendInApp(ann, "first");
        String second = sendInApp(ann, "second");
        String third = sendInApp(ann, "third");
        String alreadyRead = messageOf(annBrowser.get("/api/v1/inbox").body(), first).get("id").asString();
        annBrowser.post("/api/v1/inbox/" + alreadyRead + "/read", "");

        Answer answer = annBrowser.post("/api/v1/inbox/read-all", "");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body().get("read").asInt()).isEqualTo(2);
        assertThat(answer.body().get("unread").asLong()).isZero();
        assertThat(annBrowser.get("/api/v1/inbox?filter=unread").body().get("messages")).isEmpty();
        for (String id : List.of(first, second, third)) {
            JsonNode delivery = inAppDelivery(id);
            assertThat(delivery.get("status").asString()).isEqualTo("READ");
            assertThat(history(delivery)).containsExactly("QUEUED", "SENT", "READ");
        }
        assertThat(annBrowser.post("/api/v1/inbox/read-all", "").body().get("read").asInt()).isZero();
    }

    @Test
    void readAllLeavesArchivedMessagesAlone() {
        String archived = sendInApp(ann, "archived unopened");
        sendInApp(ann, "still in the inbox");
        String messageId = messageOf(annBrowser.get("/api/v1/inbox").body(), archived).get("id").asString();
        annBrowser.post("/api/v1/inbox/" + messageId + "/archive", "");
        assertThat(annBrowser.get("/api/v1/inbox").body().get("unread").asLong()).isEqualTo(1);

        Answer answer = annBrowser.post("/api/v1/inbox/read-all", "");

        assertThat(answer.body().get("read").asInt()).isEqualTo(1);
        assertThat(inAppDelivery(archived).get("status").asString()).isEqualTo("SENT");
    }

    @Test
    void anArchivedMessageLeavesTheInboxForTheArchive() {
        String notificationId = sendInApp(ann, "old news");
        String messageId = messageOf(annBrowser.get("/api/v1/inbox").body(), notificationId).get("id").asString();

        Answer archived = annBrowser.post("/api/v1/inbox/" + messageId + "/archive", "");

        assertThat(archived.status()).isEqualTo(204);
        JsonNode inbox = annBrowser.get("/api/v1/inbox").body();
        assertThat(inbox.get("messages")).isEmpty();
        assertThat(inbox.get("unread").asLong()).isZero();
        JsonNode archive = annBrowser.get("/api/v1/inbox?filter=archived").body();
        assertThat(messageOf(archive, notificationId).get("archivedAt").asString()).isNotBlank();
        assertThat(annBrowser.post("/api/v1/inbox/" + UUID.randomUUID() + "/archive", "").status()).isEqualTo(404);
    }

    @Test
    void anotherUsersTokenNeitherSeesNorChangesAnnsMessages() {
        String notificationId = sendInApp(ann, "private");
        String messageId = messageOf(annBrowser.get("/api/v1/inbox").body(), notificationId).get("id").asString();

        JsonNode bobsInbox = bobBrowser.get("/api/v1/inbox").body();
        Answer read = bobBrowser.post("/api/v1/inbox/" + messageId + "/read", "");
        Answer archive = bobBrowser.post("/api/v1/inbox/" + messageId + "/archive", "");
        Answer readAll = bobBrowser.post("/api/v1/inbox/read-all", "");

        assertThat(bobsInbox.get("messages")).isEmpty();
        assertThat(bobsInbox.get("unread").asLong()).isZero();
        assertProblem(read, 404, null, null);
        assertProblem(archive, 404, null, null);
        assertThat(readAll.body().get("read").asInt()).isZero();
        JsonNode annsInbox = annBrowser.get("/api/v1/inbox").body();
        assertThat(messageOf(annsInbox, notificationId).get("read").asBoolean()).isFalse();
        assertThat(annsInbox.get("unread").asLong()).isEqualTo(1);
        assertThat(inAppDelivery(notificationId).get("status").asString()).isEqualTo("SENT");
    }

    @Test
    void aTokenWithAnotherUserSwappedInIsRefused() {
        String[] parts = annToken.split("\\.");
        parts[2] = Base64.getUrlEncoder().withoutPadding().encodeToString(bob.getBytes(StandardCharsets.UTF_8));

        assertProblem(herald.withKey(String.join(".", parts)).get("/api/v1/inbox"), 401, null, null);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            no token         |
            garbage token    | not-a-token
            the API key      | hk_test-admin-key-0123456789abcdefghijklmnopqrstuvwxyz
            """)
    void theInboxTakesOnlyUserTokens(String name, String bearer) {
        Answer answer = herald.withKey(bearer).get("/api/v1/inbox");

        assertProblem(answer, 401, null, null);
        assertThat(answer.header("WWW-Authenticate")).isEqualTo("Bearer");
    }

    @Test
    void aUserTokenOpensNoOtherApi() {
        assertProblem(annBrowser.get("/api/v1/notifications?userId=" + ann), 401, null, null);
        assertProblem(annBrowser.get("/api/v1/users/" + ann), 401, null, null);
        assertProblem(annBrowser.post("/api/v1/users/" + ann + "/inbox-token", ""), 401, null, null);
    }

    @Test
    void anInboxTokenForAnInvalidUserIdIsRefused() {
        assertProblem(herald.post("/api/v1/users/ann%20smith/inbox-token", ""), 400, "userId", "format");
    }

    @Test
    void anInboxTokenNeedsAnApiKey() {
        assertProblem(herald.withKey(null).post("/api/v1/users/" + ann + "/inbox-token", ""), 401, null, null);
    }
}
