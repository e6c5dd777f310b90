package dev.herald.core.intake;

import dev.herald.core.model.TraceParent;

import java.util.Map;

/**
 * Something that happened in a product ({@code order.shipped} with a {@code buyerId}), as it arrived over HTTP or
 * from a Kafka topic, before any rule is checked. {@code occurredAt} stays text so a bad value is named, not lost;
 * {@code trace} is the producer's W3C trace context, null when it sent none.
 */
public record BusinessEvent(String eventId, String type, Map<String, Object> data, String occurredAt,
                            TraceParent trace) {
    public BusinessEvent(String eventId, String type, Map<String, Object> data, String occurredAt) {
        this(eventId, type, data, occurredAt, null);
    }
}
