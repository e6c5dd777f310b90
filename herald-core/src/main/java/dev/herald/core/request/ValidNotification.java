package dev.herald.core.request;

import dev.herald.core.model.Channel;
import dev.herald.core.model.Priority;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.time.Duration;

/** A request that passed every rule: enums parsed, limits checked, duplicates removed. */
public record ValidNotification(String type, List<RecipientSpec> recipients, List<Channel> channels,
                                Priority priority, ContentSpec content, Map<String, Object> data,
                                String idempotencyKey, Instant sendAt, Instant expiresAt, Routing routing) {

    public ValidNotification(String type, List<RecipientSpec> recipients, List<Channel> channels, Priority priority,
                             ContentSpec content, Map<String, Object> data, String idempotencyKey, Instant sendAt,
                             Instant expiresAt) {
        this(type, recipients, channels, priority, content, data, idempotencyKey, sendAt, expiresAt, Routing.NONE);
    }

    /**
     * What the type's rule adds to the request: every channel the recipient has (instead of {@code channels}),
     * fixed recipients per channel, and the default expiry.
     */
    public record Routing(boolean everyChannel, Map<Channel, String> fixedRecipients, Duration expiry,
                          boolean critical) {
        public static final Routing NONE = new Routing(false, Map.of(), null, false);
    }

    /** The request with the type's defaults filled in where it left them out. */
    public ValidNotification routedBy(List<Channel> channels, Priority priority, Routing routing) {
        return new ValidNotification(type, recipients, channels, priority, content, data, idempotencyKey, sendAt,
                expiresAt, routing);
    }
}
