package dev.herald.core.intake;

import dev.herald.core.request.RecipientSpec;
import dev.herald.core.request.ContentSpec;
import java.util.List;
import java.util.Map;

/**
 * A notification as the caller sent it, before any rule is checked: enums are still strings so an unknown
 * value is reported by name rather than lost in deserialisation.
 */
public record NotificationRequest(String type, List<RecipientSpec> recipients, List<String> channels,
                                  String priority, Map<String, Object> data, ContentSpec content,
                                  String idempotencyKey, String sendAt, String expiresAt) {
    public NotificationRequest(String type, List<RecipientSpec> recipients, List<String> channels, String priority,
                               Map<String, Object> data, ContentSpec content, String idempotencyKey) {
        this(type, recipients, channels, priority, data, content, idempotencyKey, null, null);
    }
}
