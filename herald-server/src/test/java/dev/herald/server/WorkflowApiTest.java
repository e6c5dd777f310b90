package dev.herald.server;

import dev.herald.core.model.TenantId;
import dev.herald.core.tenancy.Scope;
import dev.herald.core.workflow.WorkflowStep;
import dev.herald.jdbc.JdbcStores;
import dev.herald.server.HeraldClient.Answer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Workflow types end to end on the running worker: in-app first, a short wait for the read, email unless read, SMS
 * only if critical; each step's outcome in the notification's timeline.
 */
class WorkflowApiTest extends EmbeddedHeraldTest {
    @Autowired
    JdbcStores stores;

    private String user;

    @BeforeEach
    void aUserWithEmailAndPhone() {
        user = "wf-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(herald.put("/api/v1/users/" + user, """
                {"email":"%s@example.com","phone":"+821012345678"}""".formatted(user)).status()).isEqualTo(201);
    }

    private void escalatingType(String name, String wait) {
        assertThat(herald.put("/api/v1/types/" + name, """
                {"recipientFields":["userId"],"steps":[{"send":"IN_APP"},{"wait":"%s","until":"READ"},
                 {"send":"EMAIL","unless":"READ"},{"send":"SMS","if":{"critical":true}}]}""".formatted(wait))
                .status()).isIn(200, 201);
    }

    private String send(String type) {
        return send(herald, type, user);
    }

    private static String send(HeraldClient herald, String type, String user) {
        Answer answer = herald.post("/api/v1/notifications", """
                {"type":"%s","recipients":["%s"],"content":{"title":"Your order is late","body":"Sorry"}}"""
                .formatted(type, user));
        assertThat(answer.status()).isEqualTo(202);
        return answer.body().get("id").asString();
    }

    private JsonNode detail(String id) {
        return detail(herald, id);
    }

    private static JsonNode detail(HeraldClient herald, String id) {
        return herald.get("/api/v1/notifications/" + id).body();
    }

    private static List<String> states(JsonNode detail) {
        List<String> states = new ArrayList<>();
        detail.get("steps").forEach(s -> states.add(s.get("state").asString()));
        return states;
    }

    private static JsonNode delivery(JsonNode detail, String channel) {
        for (JsonNode d : detail.get("deliveries")) {
            if (d.get("channel").asString().equals(channel)) {
                return d;
            }
        }
        throw new AssertionError("no " + channel + " delivery in " + detail);
    }

    @Test
    void aTypesStepsReadBackAsWritten() {
        escalatingType("order.late.read-back", "PT15M");

        JsonNode type = herald.get("/api/v1/types/order.late.read-back").body();

        assertThat(type.get("steps").toString()).isEqualTo("[{\"send\":\"IN_APP\"},{\"wait\":\"PT15M\",\"until\":"
                + "\"READ\"},{\"send\":\"EMAIL\",\"unless\":\"READ\"},{\"send\":\"SMS\",\"if\":{\"critical\":true}}]");
        assertThat(type.get("channels")).isEmpty();
    }

    @Test
    void anUnreadMessageEscalatesToEmailAndSkipsTheCriticalOnlySms() throws Exception {
        escalatingType("order.late.unread", "PT1S");

        String id = send("order.late.unread");
        JsonNode accepted = detail(id);
        assertThat(states(accepted)).containsExactly("DONE", "DUE", "WAITING", "WAITING");
        assertThat(delivery(accepted, "EMAIL").get("status").asString()).isEqualTo("SCHEDULED");

        await().atMost(Duration.ofSeconds(15)).until(() -> delivery(detail(id), "EMAIL").get("status").asString()
                .equals("SENT"));
        JsonNode done = detail(id);
        assertThat(states(done)).containsExactly("DONE", "DONE", "DONE", "SKIPPED");
        assertThat(done.get("steps").get(1).get("summary").asString())
                .isEqualTo("step 2 wait PT1S until READ: ended after PT1S, not read");
        assertThat(done.get("steps").get(3).get("summary").asString())
                .isEqualTo("step 4 send SMS if critical is true: skipped, type not critical");
        assertThat(delivery(done, "SMS").get("status").asString()).isEqualTo("SUPPRESSED");
        assertThat(greenMail.getReceivedMessagesForDomain("example.com")).anySatisfy(m ->
                assertThat(m.getAllRecipients()[0].toString()).isEqualTo(user + "@example.com"));
    }

    @Test
    void aStepRowThisVersionCannotReadIsAnsweredAsUnknownNotA500() {
        escalatingType("order.late.newer", "PT10M");
        String id = send("order.late.newer");
        // A newer version's kind on the third step (waiting: no worker reaches it in this test).
        jdbc.update("UPDATE workflow_step SET kind = 'GUESS' WHERE notification_id = ? AND step_index = 2",
                UUID.fromString(id));

        Answer answer = herald.get("/api/v1/notifications/" + id);

        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        JsonNode step = answer.body().get("steps").get(2);
        assertThat(step.get("state").asString()).isEqualTo("WAITING");
        assertThat(step.get("rule").get("unknown").asString()).isEqualTo(WorkflowStep.UNREADABLE);
        assertThat(step.get("summary").asString()).isEqualTo("step 3 " + WorkflowStep.UNREADABLE + ": waiting");
        assertThat(states(answer.body())).containsExactly("DONE", "DUE", "WAITING", "WAITING");
    }

    @Test
    void readingTheInAppMessageEndsTheWaitAndTheEmailIsNeverSent() {
        escalatingType("order.late.read", "PT10M");
        String id = send("order.late.read");
        await().atMost(Duration.ofSeconds(10)).until(() -> delivery(detail(id), "IN_APP").get("status").asString()
                .equals("SENT"));
        Answer token = herald.post("/api/v1/users/" + user + "/inbox-token", "");
        HeraldClient browser = herald.withKey(token.body().get("token").asString());
        String messageId = browser.get("/api/v1/inbox").body().get("messages").get(0).get("id").asString();

        assertThat(browser.post("/api/v1/inbox/" + messageId + "/read", "").status()).isLessThan(300);

        // Ten minutes were asked; reading ends the wait at once.
        await().atMost(Duration.ofSeconds(10)).until(() -> states(detail(id)).equals(
                List.of("DONE", "DONE", "SKIPPED", "SKIPPED")));
        JsonNode done = detail(id);
        assertThat(done.get("steps").get(1).get("outcome").asString()).startsWith("ended, read at ");
        assertThat(done.get("steps").get(2).get("summary").asString())
                .startsWith("step 3 send EMAIL unless READ: skipped, notification was read at ");
        assertThat(delivery(done, "EMAIL").get("status").asString()).isEqualTo("SUPPRESSED");
        assertThat(done.get("status").asString()).isEqualTo("COMPLETED");
    }

    @Test
    void cancellingCancelsThePendingSteps() {
        escalatingType("order.late.cancel", "PT10M");
        String id = send("order.late.cancel");

        assertThat(herald.delete("/api/v1/notifications/" + id).status()).isLessThan(300);

        JsonNode cancelled = detail(id);
        assertThat(states(cancelled)).containsExactly("DONE", "CANCELLED", "CANCELLED", "CANCELLED");
        assertThat(delivery(cancelled, "EMAIL").get("status").asString()).isEqualTo("CANCELLED");
        assertThat(cancelled.get("steps").get(2).get("outcome").asString()).isEqualTo("cancelled by the caller");
    }

    @Test
    void aRequestNamingChannelsSendsOnThemAtOnce() {
        escalatingType("order.late.direct", "PT10M");

        Answer answer = herald.post("/api/v1/notifications", """
                {"type":"order.late.direct","recipients":["%s"],"channels":["EMAIL"],"content":{"body":"Now"}}"""
                .formatted(user));

        assertThat(detail(answer.body().get("id").asString()).get("steps")).isEmpty();
    }

    @Test
    void aStepThatFailsEveryTimeIsSetAsideInTheTimelineWhileAnotherTenantsRunGoesOn() {
        String delayed = """
                {"recipientFields":["userId"],"steps":[{"send":"IN_APP"},{"delay":"PT2S"},{"send":"EMAIL"}]}""";
        assertThat(herald.put("/api/v1/types/order.late.poison", delayed).status()).isIn(200, 201);
        TenantId otherTenant = new TenantId("wf-" + UUID.randomUUID().toString().substring(0, 8));
        stores.apiKeys().ensureTenant(otherTenant, "Other workflows");
        HeraldClient other = herald.withKey(apiKeys.issue(otherTenant, "wf-admin", Set.of(Scope.ADMIN)).secret());
        assertThat(other.put("/api/v1/users/" + user, "{\"email\":\"%s@example.com\"}".formatted(user)).status())
                .isEqualTo(201);
        assertThat(other.put("/api/v1/types/order.late.poison", delayed).status()).isIn(200, 201);

        // The poisoned run's timer is due first; its held email's row cannot be read (a lane no release knows).
        String poisoned = send("order.late.poison");
        UUID email = UUID.fromString(delivery(detail(poisoned), "EMAIL").get("id").asString());
        jdbc.update("UPDATE delivery SET lane = 'BOGUS' WHERE id = ?", email);
        String healthy = send(other, "order.late.poison", user);
        try {
            await().atMost(Duration.ofSeconds(20)).until(() -> delivery(detail(other, healthy), "EMAIL")
                    .get("status").asString().equals("SENT"));
            assertThat(states(detail(other, healthy))).containsOnly("DONE");
            await().atMost(Duration.ofSeconds(20)).until(() -> states(detail(poisoned)).contains("SET_ASIDE"));
        } finally {
            jdbc.update("UPDATE delivery SET lane = 'NORMAL' WHERE id = ?", email);
        }

        JsonNode setAside = detail(poisoned);
        assertThat(states(setAside)).containsExactly("DONE", "DONE", "SET_ASIDE");
        String why = setAside.get("steps").get(2).get("outcome").asString();
        assertThat(why).startsWith("set aside after 3 failed attempts: ").contains("Exception")
                .doesNotContain("BOGUS");
        assertThat(setAside.get("steps").get(2).get("summary").asString()).isEqualTo("step 3 send EMAIL: " + why);
        assertThat(delivery(setAside, "EMAIL").get("status").asString()).isEqualTo("FAILED");
        assertThat(delivery(setAside, "EMAIL").get("lastError").asString()).isEqualTo("workflow step 3 " + why);
        await().atMost(Duration.ofSeconds(10)).until(() -> detail(poisoned).get("status").asString()
                .equals("COMPLETED"));
    }
}
