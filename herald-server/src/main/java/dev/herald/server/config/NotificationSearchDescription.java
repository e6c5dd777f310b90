package dev.herald.server.config;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.parameters.Parameter;
import org.springdoc.core.customizers.OpenApiCustomizer;

import java.util.Map;

/** Says what each filter of {@code GET /api/v1/notifications} matches, keeping the controller free of annotations. */
final class NotificationSearchDescription implements OpenApiCustomizer {
    private static final Map<String, String> PARAMETERS = Map.of(
            "userId", "Only notifications with a delivery to this user (1 to 128 characters).",
            "type", "Only notifications of this type, e.g. `order.shipped`.",
            "status", "Only notifications with a delivery in this status (QUEUED, SENT, FAILED, …).",
            "channel", "Only notifications with a delivery on this channel (EMAIL, SMS, …).",
            "from", "Accepted at or after this ISO-8601 instant, e.g. `2026-11-21T09:00:00Z`.",
            "to", "Accepted before this ISO-8601 instant (exclusive); later than `from`.",
            "limit", "Page size, 1 to 100 (default 20).",
            "cursor", "`nextCursor` of the previous page.");

    @Override
    public void customise(OpenAPI api) {
        PathItem path = api.getPaths() == null ? null : api.getPaths().get("/api/v1/notifications");
        Operation list = path == null ? null : path.getGet();
        if (list == null) {
            return;
        }
        list.summary("Search the tenant's notifications")
                .description("Every user's notifications, newest accepted first, narrowed by any combination of "
                        + "the filters. `userId`, `status` and `channel` must hold for one and the same delivery "
                        + "(`status=SENT&channel=SMS`: a sent SMS). Pages with `cursor`.");
        if (list.getParameters() != null) {
            for (Parameter p : list.getParameters()) {
                String description = PARAMETERS.get(p.getName());
                if (description != null) {
                    p.setDescription(description);
                }
            }
        }
    }
}
