package dev.herald.server.api;

import dev.herald.core.request.ContentSpec;
import dev.herald.core.intake.NotificationRequest;
import dev.herald.core.request.RecipientSpec;
import dev.herald.core.request.Violations;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The JSON shape of a notification request. Recipients are kept as raw JSON because each may be a user id
 * string or an address object; {@link #toRequest} reports a wrong shape by its position. {@code topic} sends the
 * notification to every subscriber of a topic instead of to recipients (a broadcast).
 */
public record NotificationJson(String type, List<JsonNode> recipients, List<String> channels, String priority,
                               Map<String, Object> data, ContentSpec content, String idempotencyKey, String sendAt,
                               String expiresAt, String topic) {
    private static final Set<String> RECIPIENT_FIELDS = Set.of("userId", "email", "phone", "pushToken", "slack",
            "webhookUrl");

    /**
     * @param headerKey the {@code Idempotency-Key} header, if sent; it must agree with the field when both are given
     */
    public NotificationRequest toRequest(String headerKey) {
        Violations v = new Violations();
        String key = idempotencyKey;
        if (headerKey != null) {
            if (key != null && !key.equals(headerKey)) {
                v.add("idempotencyKey", "conflict", "differs from the Idempotency-Key header; send one or make them equal");
            }
            key = headerKey;
        }
        List<RecipientSpec> specs = recipients == null ? null : recipients(v);
        v.throwIfAny();
        return new NotificationRequest(type, specs, channels, priority, data, content, key, sendAt, expiresAt);
    }

    private List<RecipientSpec> recipients(Violations v) {
        List<RecipientSpec> specs = new ArrayList<>(recipients.size());
        for (int i = 0; i < recipients.size(); i++) {
            JsonNode node = recipients.get(i);
            String field = "recipients[" + i + "]";
            if (node != null && node.isString()) {
                specs.add(RecipientSpec.user(node.stringValue()));
            } else if (node != null && node.isObject()) {
                for (String name : node.propertyNames()) {
                    if (!RECIPIENT_FIELDS.contains(name)) {
                        v.add(field + "." + name, "unknown-field", "is not a recipient field; use one of "
                                + RECIPIENT_FIELDS);
                    } else if (!node.get(name).isString()) {
                        v.add(field + "." + name, "type", "must be a string");
                    }
                }
                specs.add(new RecipientSpec(text(node, "userId"), text(node, "email"), text(node, "phone"),
                        text(node, "pushToken"), text(node, "slack"), text(node, "webhookUrl")));
            } else {
                v.add(field, "type", "must be a user id string or an address object like {\"email\": \"ann@example.com\"}");
            }
        }
        return specs;
    }

    private static String text(JsonNode node, String name) {
        JsonNode value = node.get(name);
        return value != null && value.isString() ? value.stringValue() : null;
    }
}
