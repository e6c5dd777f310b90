package dev.herald.core.intake;

import java.util.Map;

/**
 * Something that happened in a product ({@code order.shipped} with a {@code buyerId}), as it arrived over HTTP or
 * from a Kafka topic, before any rule is checked. {@code occurredAt} stays text so a bad value is named, not lost.
 */
public record BusinessEvent(String eventId, String type, Map<String, Object> data, String occurredAt) {
}
