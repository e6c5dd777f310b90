package dev.herald.server.config;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.responses.ApiResponse;
import org.springdoc.core.customizers.OpenApiCustomizer;

import java.util.List;
import java.util.Map;

/**
 * Worked examples for the calls a newcomer makes first (send a notification, publish an event, create a user),
 * the same ones the README walks through. Kept here rather than in annotations so the controllers stay plain.
 */
final class ApiExamples implements OpenApiCustomizer {
    private static final String JSON = org.springframework.http.MediaType.APPLICATION_JSON_VALUE;
    private static final String NOTIFICATION_ID = "0192f1c4-7a9e-7c3d-9a55-3f1d2b6c8e01";

    private static final Map<String, Object> ACCEPTED = Map.of(
            "id", NOTIFICATION_ID, "status", "QUEUED",
            "deliveries", List.of(
                    Map.of("id", "0192f1c4-7a9f-7b10-8e3a-51c0d7e4a902", "channel", "EMAIL", "recipient", "ann",
                            "status", "QUEUED"),
                    Map.of("id", "0192f1c4-7a9f-7b10-8e3a-51c0d7e4a903", "channel", "SMS", "recipient", "ann",
                            "status", "QUEUED")));

    @Override
    public void customise(OpenAPI api) {
        if (api.getPaths() == null) {
            return;
        }
        example(api, "/api/v1/notifications", PathItem.HttpMethod.POST, "Email and SMS to a user",
                Map.of("type", "order.shipped", "recipients", List.of("ann"), "channels", List.of("EMAIL", "SMS"),
                        "content", Map.of("title", "Your order has shipped", "body", "Parcel 1Z999 is on its way."),
                        "idempotencyKey", "order-A-42-shipped"),
                "202", ACCEPTED);
        example(api, "/api/v1/events", PathItem.HttpMethod.POST, "An order shipped",
                Map.of("eventId", "evt-1", "type", "order.shipped",
                        "data", Map.of("buyerId", "ann", "orderId", "A-42"),
                        "occurredAt", "2026-12-01T09:30:00+09:00"),
                "202", ACCEPTED);
        example(api, "/api/v1/users/{userId}", PathItem.HttpMethod.PUT, "Ann with email and phone",
                Map.of("email", "ann@example.com", "phone", "+821012345678", "locale", "en",
                        "timeZone", "Asia/Seoul"),
                "201", Map.of("userId", "ann", "email", "ann@example.com", "phone", "+821012345678", "locale", "en",
                        "timeZone", "Asia/Seoul", "updatedAt", "2026-12-01T00:30:00Z"));
    }

    private static void example(OpenAPI api, String path, PathItem.HttpMethod method, String summary,
                                Object request, String status, Object answer) {
        PathItem item = api.getPaths().get(path);
        Operation operation = item == null ? null : item.readOperationsMap().get(method);
        if (operation == null) {
            return;
        }
        if (operation.getRequestBody() != null && operation.getRequestBody().getContent() != null) {
            MediaType media = operation.getRequestBody().getContent().get(JSON);
            if (media != null) {
                media.addExamples("example", new Example().summary(summary).value(request));
            }
        }
        // The statuses come from the handler's @SuccessStatus (SuccessStatusOfOperation); this only adds the example.
        ApiResponse response = operation.getResponses().computeIfAbsent(status,
                s -> new ApiResponse().description(s.equals("201") ? "Created" : "Accepted").content(new Content().addMediaType(JSON, new MediaType())));
        if (response.getContent() == null) {
            response.setContent(new Content().addMediaType(JSON, new MediaType()));
        }
        response.getContent().values().forEach(media -> media.addExamples("example",
                new Example().summary(summary).value(answer)));
    }
}
