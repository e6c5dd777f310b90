package dev.herald.server;

import dev.herald.core.model.TenantId;
import dev.herald.core.tenancy.Scope;
import dev.herald.jdbc.JdbcStores;
import dev.herald.server.HeraldClient.Answer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/** The OpenAPI document describes every endpoint, its scope and its problem answers; Swagger UI serves it. */
class ApiDescriptionTest extends EmbeddedHeraldTest {
    @Autowired
    JdbcStores stores;
    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    private Answer apiDocs() {
        // Public: no API key, the way a browser opening Swagger UI fetches it.
        Answer docs = herald.withKey(null).get("/v3/api-docs");
        assertThat(docs.status()).isEqualTo(200);
        return docs;
    }

    @Test
    void everyControllerEndpointIsInTheDocumentWithItsSecurityAndErrors() {
        JsonNode paths = apiDocs().body().path("paths");
        List<String> missing = new ArrayList<>();
        int endpoints = 0;
        for (var entry : mappings.getHandlerMethods().entrySet()) {
            var info = entry.getKey();
            for (String pattern : info.getPatternValues()) {
                if (!pattern.startsWith("/api/")) {
                    continue;   // /error and springdoc's own endpoints
                }
                if (info.getMethodsCondition().getMethods().isEmpty() && !paths.has(pattern)) {
                    missing.add("* " + pattern);   // a mapping for every method: at least its path is described
                }
                for (RequestMethod method : info.getMethodsCondition().getMethods()) {
                    endpoints++;
                    JsonNode operation = paths.path(pattern).path(method.name().toLowerCase(Locale.ROOT));
                    if (operation.isMissingNode()) {
                        missing.add(method + " " + pattern);
                        continue;
                    }
                    assertThat(operation.path("security").isArray()).as("security of %s %s", method, pattern)
                            .isTrue();
                    assertThat(operation.path("responses").has("400")).as("400 of %s %s", method, pattern).isTrue();
                    boolean byKey = !pattern.startsWith("/api/v1/inbox") && !pattern.startsWith("/api/v1/callbacks/");
                    if (byKey) {
                        assertThat(operation.path("x-scope").asString()).as("scope of %s %s", method, pattern)
                                .isIn("read", "send", "admin");
                        assertThat(operation.path("responses").has("403")).isTrue();
                    }
                    // The authenticated caller comes from the filters, never from a parameter.
                    operation.path("parameters").forEach(p -> assertThat(p.path("name").asString())
                            .isNotIn("caller", "user"));
                }
            }
        }
        assertThat(endpoints).as("controller endpoints found").isGreaterThan(30);
        assertThat(missing).as("endpoints missing from /v3/api-docs").isEmpty();
    }

    /**
     * The scope in the document is the one the handler enforces: a key lacking it gets 403, a key holding just it
     * does not. Run in a tenant of its own, on ids that do not exist, so nothing other tests made is touched.
     */
    @Test
    void everyDocumentedScopeIsTheOneEnforced() {
        JsonNode paths = apiDocs().body().path("paths");
        TenantId tenant = new TenantId("apidoc-" + UUID.randomUUID().toString().substring(0, 8));
        stores.apiKeys().ensureTenant(tenant, "API description");
        Map<Scope, HeraldClient> holding = new EnumMap<>(Scope.class);
        Map<Scope, HeraldClient> lacking = new EnumMap<>(Scope.class);
        for (Scope scope : Scope.values()) {
            holding.put(scope, herald.withKey(apiKeys.issue(tenant, "only-" + scope, Set.of(scope)).secret()));
            Set<Scope> others = EnumSet.complementOf(EnumSet.of(scope));
            others.remove(Scope.ADMIN);   // admin implies every scope
            lacking.put(scope, herald.withKey(apiKeys.issue(tenant, "not-" + scope, others).secret()));
        }
        List<String> wrong = new ArrayList<>();
        int checked = 0;
        for (var path : paths.properties()) {
            for (var entry : path.getValue().properties()) {
                JsonNode operation = entry.getValue();
                if (!operation.has("x-scope")) {
                    continue;
                }
                Scope scope = Scope.valueOf(operation.path("x-scope").asString().toUpperCase(Locale.ROOT));
                String method = entry.getKey().toUpperCase(Locale.ROOT);
                String uri = concrete(path.getKey(), operation);
                boolean body = operation.has("requestBody");
                int without = call(lacking.get(scope), method, uri, body);
                if (without != 403) {
                    wrong.add(method + " " + path.getKey() + " without " + scope + ": " + without);
                }
                // The operator's endpoints (x-operator) answer 403 to another tenant's key whatever its scopes.
                if (!operation.path("x-operator").asBoolean(false)) {
                    int with = call(holding.get(scope), method, uri, body);
                    if (with == 403) {
                        wrong.add(method + " " + path.getKey() + " with only " + scope + ": 403");
                    }
                }
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(25);
        assertThat(wrong).as("documented scope differs from the enforced one").isEmpty();
    }

    private static int call(HeraldClient client, String method, String uri, boolean body) {
        return client.send(client.request(uri, "Content-Type", "application/json").method(method,
                body ? HttpRequest.BodyPublishers.ofString("{}") : HttpRequest.BodyPublishers.noBody())).status();
    }

    /** The path with a value that exists nowhere for each variable, and every required query parameter. */
    private static String concrete(String template, JsonNode operation) {
        String uri = template.replace("{id}", UUID.randomUUID().toString())
                .replace("{deliveryId}", UUID.randomUUID().toString())
                .replace("{channel}", "EMAIL").replace("{locale}", "en").replace("{version}", "1")
                .replace("{type}", "apidoc.none").replace("{userId}", "apidoc-nobody")
                .replace("{token}", "apidoc-token").replace("{name}", "apidoc-none")
                .replace("{address}", "apidoc-nobody@example.com")
                .replace("{key}", "apidoc-none").replace("{purpose}", "apidoc-none");
        assertThat(uri).as("a path variable the test does not know").doesNotContain("{");
        StringBuilder query = new StringBuilder();
        operation.path("parameters").forEach(p -> {
            if (p.path("in").asString().equals("query") && p.path("required").asBoolean(false)) {
                query.append(query.isEmpty() ? "?" : "&").append(p.path("name").asString()).append("=1");
            }
        });
        return uri + query;
    }

    @Test
    void scopesAndSecuritySchemesFollowWhoMayCall() {
        JsonNode docs = apiDocs().body();
        JsonNode paths = docs.path("paths");
        assertThat(paths.path("/api/v1/notifications").path("post").path("x-scope").asString()).isEqualTo("send");
        assertThat(paths.path("/api/v1/notifications/{id}").path("get").path("x-scope").asString()).isEqualTo("read");
        assertThat(paths.path("/api/v1/admin/dlq").path("get").path("x-scope").asString()).isEqualTo("admin");
        assertThat(paths.path("/api/v1/tenants").path("post").path("x-operator").asBoolean()).isTrue();
        assertThat(paths.path("/api/v1/api-keys").path("post").has("x-operator")).isFalse();
        assertThat(paths.path("/api/v1/api-keys").path("post").path("parameters").findValuesAsString("name"))
                .contains("Herald-Tenant");
        assertThat(paths.path("/api/v1/notifications").path("post").path("security").get(0).has("apiKey")).isTrue();
        assertThat(paths.path("/api/v1/inbox").path("get").path("security").get(0).has("userToken")).isTrue();
        assertThat(paths.path("/api/v1/callbacks/twilio").path("post").path("security").get(0)
                .has("twilioSignature")).isTrue();
        assertThat(paths.path("/api/v1/suppressions").path("get").path("x-scope").asString()).isEqualTo("read");
        assertThat(paths.path("/api/v1/suppressions").path("post").path("x-scope").asString()).isEqualTo("admin");
        assertThat(paths.path("/api/v1/callbacks/ses/{tenant}").path("post").path("security").get(0)
                .has("snsSignature")).isTrue();
        assertThat(paths.path("/api/v1/callbacks/sendgrid/{tenant}").path("post").path("security").get(0)
                .has("sendgridSignature")).isTrue();
        JsonNode schemes = docs.path("components").path("securitySchemes");
        assertThat(schemes.path("apiKey").path("scheme").asString()).isEqualTo("bearer");
        assertThat(schemes.path("twilioSignature").path("name").asString()).isEqualTo("X-Twilio-Signature");
    }

    @Test
    void notificationSearchDescribesEachFilter() {
        JsonNode list = apiDocs().body().path("paths").path("/api/v1/notifications").path("get");
        assertThat(list.path("summary").asString()).isEqualTo("Search the tenant's notifications");
        List<String> described = new ArrayList<>();
        list.path("parameters").forEach(p -> {
            if (!p.path("description").asString("").isBlank()) {
                described.add(p.path("name").asString());
            }
        });
        assertThat(described).contains("userId", "type", "status", "channel", "from", "to", "limit", "cursor");
    }

    @Test
    void errorsAreProblemJsonWithFieldAndRule() {
        JsonNode docs = apiDocs().body();
        JsonNode components = docs.path("components");
        for (String status : List.of("400", "401", "403", "404", "413", "415", "422", "429")) {
            assertThat(components.path("responses").path(status).path("content").has("application/problem+json"))
                    .as("problem answer %s", status).isTrue();
        }
        JsonNode errorItem = components.path("schemas").path("ProblemError").path("properties");
        assertThat(errorItem.has("field")).isTrue();
        assertThat(errorItem.has("rule")).isTrue();
        assertThat(components.path("schemas").path("ProblemDetail").path("properties").has("errors")).isTrue();
        JsonNode send = docs.path("paths").path("/api/v1/notifications").path("post").path("responses");
        for (String status : List.of("400", "401", "403", "413", "415", "422", "429")) {
            assertThat(send.path(status).path("$ref").asString()).isEqualTo("#/components/responses/" + status);
        }
    }

    @Test
    void mainCallsHaveSchemasAndExamples() {
        JsonNode docs = apiDocs().body();
        JsonNode send = docs.path("paths").path("/api/v1/notifications").path("post");
        JsonNode body = send.path("requestBody").path("content").path("application/json");
        assertThat(body.path("schema").path("$ref").asString()).endsWith("/NotificationJson");
        assertThat(body.path("examples").path("example").path("value").path("type").asString())
                .isEqualTo("order.shipped");
        assertThat(send.path("responses").path("202").path("content").path("application/json").path("examples")
                .path("example").path("value").path("deliveries").isArray()).isTrue();
        JsonNode notification = docs.path("components").path("schemas").path("NotificationJson").path("properties");
        assertThat(notification.has("recipients")).isTrue();
        assertThat(notification.has("idempotencyKey")).isTrue();
        // A recipient is a user id or an inline address, not the JSON library's node type.
        assertThat(notification.path("recipients").path("items").path("$ref").asString()).endsWith("/Recipient");
        assertThat(docs.path("components").path("schemas").has("JsonNode")).isFalse();
        assertThat(send.path("responses").path("202").path("content").path("application/json").path("schema")
                .path("$ref").asString()).endsWith("/Summary");
        assertThat(docs.path("paths").path("/api/v1/events").path("post").path("requestBody").path("content")
                .path("application/json").path("examples").path("example").path("value").path("eventId").asString())
                .isEqualTo("evt-1");
        assertThat(docs.path("paths").path("/api/v1/users/{userId}").path("put").path("requestBody").path("content")
                .path("application/json").path("examples").path("example").path("value").path("email").asString())
                .isEqualTo("ann@example.com");
    }

    @Test
    void swaggerUiAnswersWithHtmlAndNeedsNoKey() throws Exception {
        HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/swagger-ui.html")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(page.body()).contains("swagger-ui");
    }

    @Test
    void operationsAreGroupedByAreaOfTheApiInTheOrderANewcomerMeetsThem() {
        JsonNode docs = apiDocs().body();
        List<String> tags = new ArrayList<>();
        docs.path("tags").forEach(tag -> tags.add(tag.path("name").asString()));
        assertThat(tags).startsWith("Notifications", "Business events", "Users, devices and preferences")
                .contains("Dashboard", "Audit log", "Administration").doesNotHaveDuplicates();
        assertThat(docs.path("paths").path("/api/v1/users/{userId}/devices").path("post").path("tags").get(0)
                .asString()).isEqualTo("Users, devices and preferences");
        assertThat(docs.path("paths").path("/api/v1/admin/dlq").path("get").path("tags").get(0).asString())
                .isEqualTo("Administration");
        List<String> untagged = new ArrayList<>();
        docs.path("paths").properties().forEach(path -> path.getValue().properties().forEach(op -> {
            if (op.getValue().path("tags").size() != 1 || !tags.contains(op.getValue().path("tags").get(0).asString())) {
                untagged.add(op.getKey() + " " + path.getKey());
            }
        }));
        assertThat(untagged).as("operations outside the listed areas").isEmpty();
    }
}
