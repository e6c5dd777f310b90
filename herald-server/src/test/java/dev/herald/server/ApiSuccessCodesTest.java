package dev.herald.server;

import dev.herald.core.channel.DisabledEndpoints;
import dev.herald.core.model.TenantId;
import dev.herald.core.tenancy.Scope;
import dev.herald.jdbc.JdbcStores;
import dev.herald.server.HeraldClient.Answer;
import dev.herald.server.api.SuccessStatus;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The success statuses in /v3/api-docs are the ones Herald answers, checked against real calls rather than against
 * the annotations: every status a call gets is documented for its operation, and every 2xx an operation documents
 * is answered by at least one call, so a 200 (or 201, 202, 204) nobody ever gets cannot stay in the document.
 * Every handler choosing its status at run time ({@code ResponseEntity}) is called here or named in
 * {@link #CALLED_ELSEWHERE}; every other handler answers Spring's 200 and must document exactly that.
 */
class ApiSuccessCodesTest extends EmbeddedHeraldTest {
    /** A P-256 public key as SendGrid shows its verification key (base64 DER). */
    private static final String P256_KEY = p256Key();
    private static final String APNS_TOKEN = "b1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9";

    /** Operations answering {@code ResponseEntity} that need what this context lacks, and the test that calls them. */
    private static final Map<String, String> CALLED_ELSEWHERE = Map.of(
            "POST /api/v1/callbacks/twilio", "needs a Twilio account configured: AllChannelsTest gets its 204",
            "POST /api/v1/callbacks/ses/{tenant}", "needs a signed SNS message: ClosedLoopTest gets its 204",
            "POST /api/v1/callbacks/sendgrid/{tenant}", "needs a signed SendGrid post: ClosedLoopTest gets its 204",
            "GET /api/v1/inbox/stream", "an event stream that stays open: InboxApiTest reads it");

    @Autowired
    JdbcStores stores;

    private static String p256Key() {
        try {
            java.security.KeyPairGenerator ec = java.security.KeyPairGenerator.getInstance("EC");
            ec.initialize(new java.security.spec.ECGenParameterSpec("secp256r1"));
            return java.util.Base64.getEncoder().encodeToString(ec.generateKeyPair().getPublic().getEncoded());
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
    @Autowired
    DisabledEndpoints disabledEndpoints;
    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    /** One real call: the operation as the document names it ("PUT /api/v1/users/{userId}") and its answer. */
    private record Call(String operation, Answer answer) {
    }

    @Test
    void everyAnsweredSuccessIsDocumentedAndEveryDocumentedSuccessIsAnswered() {
        JsonNode paths = herald.withKey(null).get("/v3/api-docs").body().path("paths");
        List<Call> calls = realCalls();

        Map<String, Set<Integer>> observed = new TreeMap<>();
        List<String> wrong = new ArrayList<>();
        for (Call call : calls) {
            Answer answer = call.answer();
            assertThat(answer.status()).as("%s: %s", call.operation(), answer.text()).isBetween(200, 299);
            JsonNode documented = successes(paths, call.operation());
            JsonNode response = documented.path(String.valueOf(answer.status()));
            if (response.isMissingNode()) {
                wrong.add(call.operation() + " answered " + answer.status() + ", documents " + names(documented));
                continue;
            }
            boolean hasBody = answer.text() != null && !answer.text().isBlank();
            if (hasBody != response.has("content")) {
                wrong.add(call.operation() + " " + answer.status() + (hasBody ? " has a body the document lacks"
                        : " has no body but the document describes one"));
            }
            observed.computeIfAbsent(call.operation(), o -> new TreeSet<>()).add(answer.status());
        }
        observed.forEach((operation, statuses) -> {
            Set<Integer> neverAnswered = new TreeSet<>();
            successes(paths, operation).propertyNames().forEach(code -> {
                if (!statuses.contains(Integer.parseInt(code))) {
                    neverAnswered.add(Integer.parseInt(code));
                }
            });
            if (!neverAnswered.isEmpty()) {
                wrong.add(operation + " documents " + neverAnswered + " that no call got (got " + statuses + ")");
            }
            // Created or updated, queued or final: the same body either way, so the same schema.
            Set<String> schemas = new TreeSet<>();
            successes(paths, operation).forEach(answer -> {
                answer.path("content").properties().forEach(media ->
                        schemas.add(media.getKey() + " " + media.getValue().path("schema")));
            });
            if (schemas.size() > 1) {
                wrong.add(operation + " documents different bodies for its successes: " + schemas);
            }
        });

        for (var entry : mappings.getHandlerMethods().entrySet()) {
            HandlerMethod handler = entry.getValue();
            for (String pattern : entry.getKey().getPatternValues()) {
                if (!pattern.startsWith("/api/")) {
                    continue;
                }
                for (RequestMethod method : entry.getKey().getMethodsCondition().getMethods()) {
                    String operation = method + " " + pattern;
                    if (ResponseEntity.class.isAssignableFrom(handler.getMethod().getReturnType())) {
                        if (!handler.hasMethodAnnotation(SuccessStatus.class)) {
                            wrong.add(operation + " chooses its status at run time without @SuccessStatus");
                        }
                        if (!observed.containsKey(operation) && !CALLED_ELSEWHERE.containsKey(operation)) {
                            wrong.add(operation + " chooses its status at run time and no call here checks it");
                        }
                    } else if (!names(successes(paths, operation)).equals(List.of("200"))) {
                        wrong.add(operation + " answers Spring's 200 but documents " + names(successes(paths, operation)));
                    }
                }
            }
        }
        assertThat(observed).as("operations called").hasSizeGreaterThan(20);
        assertThat(wrong).as("success answers the document gets wrong").isEmpty();
    }

    /** One call per family (create, upsert, delete, accept, replay, wait, retry), in tenants of their own. */
    private List<Call> realCalls() {
        String sfx = UUID.randomUUID().toString().substring(0, 8);
        TenantId tenant = new TenantId("codes-" + sfx);
        stores.apiKeys().ensureTenant(tenant, "Success codes");
        HeraldClient admin = herald.withKey(apiKeys.issue(tenant, "codes-admin", Set.of(Scope.ADMIN)).secret());
        List<Call> calls = new ArrayList<>();
        String user = "codes-ann-" + sfx;
        String type = "codes" + sfx + ".shipped";

        // Upserts: created, then the same again.
        String userBody = "{\"email\":\"ann-" + sfx + "@example.com\"}";
        calls.add(new Call("PUT /api/v1/users/{userId}", admin.put("/api/v1/users/" + user, userBody)));
        calls.add(new Call("PUT /api/v1/users/{userId}", admin.put("/api/v1/users/" + user, userBody)));
        String device = "{\"platform\":\"apns\",\"token\":\"" + APNS_TOKEN + "\"}";
        calls.add(new Call("POST /api/v1/users/{userId}/devices", admin.post("/api/v1/users/" + user + "/devices", device)));
        calls.add(new Call("POST /api/v1/users/{userId}/devices", admin.post("/api/v1/users/" + user + "/devices", device)));
        calls.add(new Call("DELETE /api/v1/users/{userId}/devices/{token}",
                admin.delete("/api/v1/users/" + user + "/devices/" + APNS_TOKEN)));
        calls.add(new Call("PUT /api/v1/types/{type}", admin.put("/api/v1/types/" + type, "{\"channels\":[\"EMAIL\"]}")));
        calls.add(new Call("PUT /api/v1/types/{type}", admin.put("/api/v1/types/" + type, "{\"channels\":[\"EMAIL\"]}")));
        calls.add(new Call("PUT /api/v1/templates/{type}/{channel}/{locale}", admin.put("/api/v1/templates/" + type
                + "/EMAIL/default", "{\"subject\":\"Shipped\",\"text\":\"Hello {{name}}\"}")));
        calls.add(new Call("DELETE /api/v1/types/{type}", admin.delete("/api/v1/types/" + type)));
        String relay = "{\"kind\":\"smtp\",\"settings\":{\"host\":\"127.0.0.1\",\"port\":2525,"
                + "\"username\":\"u\",\"password\":\"p\"}}";
        calls.add(new Call("PUT /api/v1/integrations/{name}", admin.put("/api/v1/integrations/relay-" + sfx, relay)));
        calls.add(new Call("PUT /api/v1/integrations/{name}", admin.put("/api/v1/integrations/relay-" + sfx, relay)));
        calls.add(new Call("DELETE /api/v1/integrations/{name}", admin.delete("/api/v1/integrations/relay-" + sfx)));
        String suppressed = "{\"address\":\"codes-" + sfx + "@example.com\",\"reason\":\"MANUAL\"}";
        calls.add(new Call("POST /api/v1/suppressions", admin.post("/api/v1/suppressions", suppressed)));
        calls.add(new Call("POST /api/v1/suppressions", admin.post("/api/v1/suppressions", suppressed)));
        calls.add(new Call("DELETE /api/v1/suppressions/{address}",
                admin.delete("/api/v1/suppressions/codes-" + sfx + "@example.com")));
        Answer statusHook = admin.post("/api/v1/status-webhooks", "{\"url\":\"https://hooks.example.com/codes-" + sfx + "\"}");
        calls.add(new Call("POST /api/v1/status-webhooks", statusHook));
        calls.add(new Call("DELETE /api/v1/status-webhooks/{id}",
                admin.delete("/api/v1/status-webhooks/" + statusHook.body().get("id").asString())));

        admin.put("/api/v1/inbound/ses", "{\"topicArns\":[\"arn:aws:sns:eu-west-1:123456789012:codes\"]}");
        calls.add(new Call("DELETE /api/v1/inbound/ses", admin.delete("/api/v1/inbound/ses")));
        admin.put("/api/v1/inbound/sendgrid", "{\"publicKey\":\"" + P256_KEY + "\"}");
        calls.add(new Call("DELETE /api/v1/inbound/sendgrid", admin.delete("/api/v1/inbound/sendgrid")));

        calls.add(new Call("PUT /api/v1/topics/{key}", admin.put("/api/v1/topics/codes-" + sfx, "{\"name\":\"N\"}")));
        calls.add(new Call("PUT /api/v1/topics/{key}", admin.put("/api/v1/topics/codes-" + sfx, "{\"name\":\"N\"}")));
        calls.add(new Call("POST /api/v1/notifications", admin.post("/api/v1/notifications", """
                {"type":"%s","topic":"codes-%s","channels":["EMAIL"],"content":{"body":"to all"}}"""
                .formatted(type, sfx))));
        calls.add(new Call("DELETE /api/v1/topics/{key}", admin.delete("/api/v1/topics/codes-" + sfx)));

        // Creations answering 201, and their deletions.
        // Rotated twice, the older of the two retired: key 1, which other tests' links use, stays live.
        calls.add(new Call("POST /api/v1/signing-keys/{purpose}/rotate",
                admin.post("/api/v1/signing-keys/unsubscribe-link/rotate", "")));
        Answer rotated = admin.post("/api/v1/signing-keys/unsubscribe-link/rotate", "");
        calls.add(new Call("POST /api/v1/signing-keys/{purpose}/rotate", rotated));
        calls.add(new Call("DELETE /api/v1/signing-keys/{purpose}/{id}", admin.delete(
                "/api/v1/signing-keys/unsubscribe-link/" + (rotated.body().get("id").asInt() - 1))));
        Answer key = admin.post("/api/v1/api-keys", "{\"name\":\"ci\",\"scopes\":[\"send\"]}");
        calls.add(new Call("POST /api/v1/api-keys", key));
        calls.add(new Call("DELETE /api/v1/api-keys/{id}", admin.delete("/api/v1/api-keys/" + key.body().get("id").asString())));
        calls.add(new Call("POST /api/v1/tenants", herald.post("/api/v1/tenants",
                "{\"id\":\"codes-made-" + sfx + "\",\"name\":\"Made\"}")));
        calls.add(new Call("DELETE /api/v1/tenants/{id}", herald.delete("/api/v1/tenants/codes-made-" + sfx)));

        // Sending: queued (202), or final within Prefer: wait (200); a batch; a cancellation.
        String later = """
                {"type":"%s","recipients":[{"email":"later-%s@example.com"}],"channels":["EMAIL"],
                 "content":{"body":"later"},"sendAt":"%s"}""".formatted(type, sfx, Instant.now().plus(Duration.ofDays(1)));
        Answer queued = admin.post("/api/v1/notifications", later);
        calls.add(new Call("POST /api/v1/notifications", queued));
        calls.add(new Call("POST /api/v1/notifications", admin.post("/api/v1/notifications", """
                {"type":"comment.added","recipients":["%s"],"channels":["IN_APP"],
                 "content":{"title":"Hi","body":"in the inbox"}}""".formatted(user), "Prefer", "wait=30")));
        calls.add(new Call("POST /api/v1/notifications/batch", admin.post("/api/v1/notifications/batch",
                "{\"notifications\":[" + later + "]}")));
        calls.add(new Call("DELETE /api/v1/notifications/{id}",
                admin.delete("/api/v1/notifications/" + queued.body().get("id").asString())));

        // The inbox: a user token, then archiving the message the wait above saw delivered.
        Answer token = admin.post("/api/v1/users/" + user + "/inbox-token", "");
        calls.add(new Call("POST /api/v1/users/{userId}/inbox-token", token));
        HeraldClient browser = herald.withKey(token.body().get("token").asString());
        Answer inbox = browser.get("/api/v1/inbox");
        assertThat(inbox.body().path("messages").size()).as(inbox.text()).isEqualTo(1);
        String message = inbox.body().get("messages").get(0).get("id").asString();
        calls.add(new Call("POST /api/v1/inbox/{messageId}/archive", browser.post("/api/v1/inbox/" + message
                + "/archive", "")));

        // Events: accepted, then the same event replayed. The seeded rules are the default tenant's.
        String buyer = "codes-buyer-" + sfx;
        herald.put("/api/v1/users/" + buyer, "{\"email\":\"buyer-" + sfx + "@example.com\"}");
        String event = """
                {"eventId":"codes-evt-%s","type":"order.shipped","data":{"buyerId":"%s","orderId":"C-1"}}"""
                .formatted(sfx, buyer);
        calls.add(new Call("POST /api/v1/events", herald.post("/api/v1/events", event)));
        calls.add(new Call("POST /api/v1/events", herald.post("/api/v1/events", event)));

        // Dead letters: retried (202), retried all (202), discarded (204); a set-aside event record discarded.
        calls.add(new Call("POST /api/v1/admin/dlq/{deliveryId}/retry", admin.post("/api/v1/admin/dlq/"
                + deadLetter(tenant, admin, type, sfx) + "/retry", "")));
        deadLetter(tenant, admin, type, sfx);
        calls.add(new Call("POST /api/v1/admin/dlq/retry-all", admin.post("/api/v1/admin/dlq/retry-all", "")));
        calls.add(new Call("DELETE /api/v1/admin/dlq/{deliveryId}", admin.delete("/api/v1/admin/dlq/"
                + deadLetter(tenant, admin, type, sfx))));
        calls.add(new Call("DELETE /api/v1/admin/dlq/events/{id}", admin.delete("/api/v1/admin/dlq/events/"
                + setAsideEvent(tenant))));
        calls.add(new Call("POST /api/v1/admin/stats/rebuild", admin.post("/api/v1/admin/stats/rebuild", "")));

        // The operator enabling a webhook endpoint again.
        String hook = "https://hooks.example.com/codes-" + sfx;
        disabledEndpoints.disable(hook, "HTTP 410 Gone", Instant.now());
        calls.add(new Call("POST /api/v1/admin/webhook-endpoints/enable", herald.post(
                "/api/v1/admin/webhook-endpoints/enable", "{\"url\":\"" + hook + "\"}")));

        calls.add(new Call("DELETE /api/v1/users/{userId}", admin.delete("/api/v1/users/" + user)));
        return calls;
    }

    /** A delivery of the tenant made DEAD directly (how one gets there is DeadLetterApiTest's); its id. */
    private String deadLetter(TenantId tenant, HeraldClient admin, String type, String sfx) {
        Answer sent = admin.post("/api/v1/notifications", """
                {"type":"%s","recipients":[{"email":"dead-%s@example.com"}],"channels":["EMAIL"],
                 "content":{"body":"later"},"sendAt":"%s"}""".formatted(type, sfx, Instant.now().plus(Duration.ofDays(1))));
        assertThat(sent.status()).as(sent.text()).isEqualTo(202);
        UUID delivery = UUID.fromString(sent.body().get("deliveries").get(0).get("id").asString());
        jdbc.update("UPDATE delivery SET status = 'DEAD', due_at = NULL WHERE id = ?", delivery);
        jdbc.update("INSERT INTO dead_letter (delivery_id, tenant_id, notification_id, type, channel, lane, died_at)"
                        + " VALUES (?, ?, ?, ?, 'EMAIL', 'NORMAL', CURRENT_TIMESTAMP)",
                delivery, tenant.value(), UUID.fromString(sent.body().get("id").asString()), type);
        return delivery.toString();
    }

    /** A Kafka record set aside for the tenant, written directly: KafkaEventsTest shows how one gets there. */
    private String setAsideEvent(TenantId tenant) {
        UUID id = UUID.randomUUID();
        jdbc.update("INSERT INTO event_dead_letter (id, tenant_id, topic, source_partition, source_offset, record_key,"
                        + " record_value, headers, error, attempts, set_aside_at, last_attempt_at)"
                        + " VALUES (?, ?, 'codes', 0, ?, NULL, ?, '{}', 'not-json', 1, CURRENT_TIMESTAMP,"
                        + " CURRENT_TIMESTAMP)",
                id, tenant.value(), Math.abs(id.getMostSignificantBits() % 1_000_000_000L), new byte[]{'x'});
        return id.toString();
    }

    /** The operation's documented 2xx answers, keyed by status. */
    private static JsonNode successes(JsonNode paths, String operation) {
        String[] parts = operation.split(" ", 2);
        JsonNode responses = paths.path(parts[1]).path(parts[0].toLowerCase(Locale.ROOT)).path("responses");
        assertThat(responses.isObject()).as("%s in /v3/api-docs", operation).isTrue();
        ObjectNode successes = JsonNodeFactory.instance.objectNode();
        responses.properties().forEach(e -> {
            if (e.getKey().startsWith("2")) {
                successes.set(e.getKey(), e.getValue());
            }
        });
        return successes;
    }

    private static List<String> names(JsonNode node) {
        return new ArrayList<>(node.propertyNames());
    }
}
