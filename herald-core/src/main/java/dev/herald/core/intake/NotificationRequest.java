package dev.herald.core.intake;

import dev.herald.core.request.RecipientSpec;
import dev.herald.core.request.ContentSpec;
import dev.herald.core.model.TraceParent;
import java.util.List;
import java.util.Map;

/**
 * A notification as the caller sent it, before any rule is checked: enums are still strings so an unknown
 * value is reported by name rather than lost in deserialisation. {@code trace} is the exception: it arrives in a
 * header, which the API reads and checks before the body ({@link TraceParent#parse}); null when there was none.
 * It is not part of the request's fingerprint: a retry is the same request in a new span.
 */
public record NotificationRequest(String type, List<RecipientSpec> recipients, List<String> channels,
                                  String priority, Map<String, Object> data, ContentSpec content,
                                  String idempotencyKey, String sendAt, String expiresAt, TraceParent trace) {
    public NotificationRequest(String type, List<RecipientSpec> recipients, List<String> channels, String priority,
                               Map<String, Object> data, ContentSpec content, String idempotencyKey, String sendAt,
                               String expiresAt) {
        this(type, recipients, channels, priority, data, content, idempotencyKey, sendAt, expiresAt, null);
    }

    /** The same request under the caller's trace context. */
    public NotificationRequest tracedBy(TraceParent trace) {
        return new NotificationRequest(type, recipients, channels, priority, data, content, idempotencyKey, sendAt,
                expiresAt, trace);
    }

    public NotificationRequest(String type, List<RecipientSpec> recipients, List<String> channels, String priority,
                               Map<String, Object> data, ContentSpec content, String idempotencyKey) {
        this(type, recipients, channels, priority, data, content, idempotencyKey, null, null);
    }
}
