package dev.herald.server.config;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import org.springdoc.core.customizers.OpenApiCustomizer;

import java.util.List;
import java.util.Map;

/**
 * The error answers every operation can give, once, as RFC 9457 problem+json with the {@code errors} array
 * (field and rule), and the security of the operations that take no API key (inbox, provider callbacks).
 */
final class ProblemAnswers implements OpenApiCustomizer {
    static final String PROBLEM_JSON = org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE;

    /** Status → what it means in Herald; the component response is named after the status code. */
    private static final Map<String, String> ANSWERS = Map.of(
            "400", "Invalid request: the problem's `errors` name each field and the rule it broke.",
            "401", "Missing, unknown or revoked API key (or user token, for the inbox).",
            "403", "The API key lacks the scope this operation needs (or a callback's signature does not check out).",
            "404", "No such resource in the caller's tenant.",
            "413", "Request body over the limit (`herald.limits.max-request-body`).",
            "415", "The body is not `application/json`.",
            "422", "Well-formed but not possible: e.g. an idempotency key reused for another request, an unknown "
                    + "type or a template variable that `data` lacks.",
            "429", "Over the API key's request rate, or too many failed authentications from this address; "
                    + "`Retry-After` says when to try again.");

    @Override
    public void customise(OpenAPI api) {
        Components components = api.getComponents() == null ? new Components() : api.getComponents();
        api.components(components);
        components.addSchemas("ProblemError", new ObjectSchema()
                .addProperty("field", new StringSchema().description("The field, e.g. `recipients[0].email`."))
                .addProperty("rule", new StringSchema().description("The rule it broke, e.g. `required`, "
                        + "`max-length`, `format`."))
                .addProperty("message", new StringSchema()))
                .addSchemas("ProblemDetail", new ObjectSchema().description("RFC 9457 problem details.")
                        .addProperty("type", new StringSchema().format("uri").example("urn:herald:problem:invalid-request"))
                        .addProperty("title", new StringSchema())
                        .addProperty("status", new IntegerSchema())
                        .addProperty("detail", new StringSchema())
                        .addProperty("instance", new StringSchema().format("uri"))
                        .addProperty("errors", new ArraySchema().items(new Schema<>().$ref("#/components/schemas/ProblemError"))));
        ANSWERS.forEach((status, meaning) -> components.addResponses(status, new ApiResponse().description(meaning)
                .content(new Content().addMediaType(PROBLEM_JSON, problemMedia(status)))));
        if (api.getPaths() == null) {
            return;
        }
        api.getPaths().forEach((path, item) -> item.readOperationsMap().values().forEach(operation -> {
            boolean callback = path.startsWith("/api/v1/callbacks/");
            if (path.equals("/api/v1/inbox") || path.startsWith("/api/v1/inbox/")) {
                operation.setSecurity(List.of(new SecurityRequirement().addList(ApiDescriptionConfiguration.USER_TOKEN)));
            } else if (callback) {
                String scheme = path.startsWith("/api/v1/callbacks/ses/") ? ApiDescriptionConfiguration.SNS_SIGNATURE
                        : path.startsWith("/api/v1/callbacks/sendgrid/")
                        ? ApiDescriptionConfiguration.SENDGRID_SIGNATURE
                        : ApiDescriptionConfiguration.TWILIO_SIGNATURE;
                operation.setSecurity(List.of(new SecurityRequirement().addList(scheme)));
            }
            addErrors(operation, callback);
        }));
    }

    private static void addErrors(Operation operation, boolean callback) {
        ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        operation.setResponses(responses);
        add(responses, "400");
        if (!callback) {
            add(responses, "401");
            add(responses, "404");
            add(responses, "429");
        }
        if (callback || operation.getExtensions() != null && operation.getExtensions().containsKey("x-scope")) {
            add(responses, "403");
        }
        if (operation.getRequestBody() != null) {
            add(responses, "413");
            add(responses, "415");
            add(responses, "422");
        }
    }

    private static void add(ApiResponses responses, String status) {
        responses.putIfAbsent(status, new ApiResponse().$ref("#/components/responses/" + status));
    }

    private static MediaType problemMedia(String status) {
        MediaType media = new MediaType().schema(new Schema<>().$ref("#/components/schemas/ProblemDetail"));
        if (status.equals("400")) {
            media.addExamples("invalid", new Example().value(Map.of(
                    "type", "urn:herald:problem:invalid-request", "title", "Invalid request", "status", 400,
                    "detail", "recipients: must name at least one recipient", "instance", "/api/v1/notifications",
                    "errors", List.of(Map.of("field", "recipients", "rule", "required",
                            "message", "must name at least one recipient")))));
        }
        return media;
    }
}
