package dev.herald.server.config;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import org.springdoc.core.customizers.OpenApiCustomizer;

import java.util.List;

/**
 * A recipient is read as raw JSON (a user id or an inline address), which springdoc would describe as Jackson's
 * {@code JsonNode} bean; this names what the API really takes.
 */
final class RecipientSchema implements OpenApiCustomizer {

    @Override
    public void customise(OpenAPI api) {
        if (api.getComponents() == null || api.getComponents().getSchemas() == null) {
            return;
        }
        var schemas = api.getComponents().getSchemas();
        Schema<?> notification = schemas.get("NotificationJson");
        if (notification == null || notification.getProperties() == null) {
            return;
        }
        ObjectSchema address = new ObjectSchema();
        address.description("An inline address: exactly one of these fields.");
        for (String field : List.of("userId", "email", "phone", "pushToken", "slack", "webhookUrl")) {
            address.addProperty(field, new StringSchema());
        }
        schemas.put("Recipient", new Schema<>().description("A user id (`\"ann\"`) or an inline address "
                + "(`{\"email\":…}`, `{\"phone\":\"+82…\"}`, `{\"pushToken\":…}`, `{\"slack\":…}`, "
                + "`{\"webhookUrl\":…}`).").oneOf(List.of(new StringSchema(), address)));
        notification.getProperties().put("recipients",
                new ArraySchema().items(new Schema<>().$ref("#/components/schemas/Recipient")));
        schemas.remove("JsonNode");
    }
}
