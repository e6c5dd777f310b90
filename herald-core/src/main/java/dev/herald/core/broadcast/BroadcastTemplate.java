package dev.herald.core.broadcast;

import dev.herald.core.model.Channel;
import dev.herald.core.model.TraceParent;
import dev.herald.core.request.ContentSpec;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The notification a broadcast sends each subscriber, as the caller asked for it (validated, not yet routed: each
 * chunk is routed by the type's rule like any notification accepted at that moment). {@code channels} is empty
 * when the type's default channels apply; {@code content} null when the type's templates render the message.
 */
public record BroadcastTemplate(String type, List<Channel> channels, ContentSpec content, Map<String, Object> data,
                                Instant sendAt, Instant expiresAt, TraceParent trace) {
    public BroadcastTemplate {
        channels = List.copyOf(channels);
        data = data == null ? Map.of() : data;
    }
}
