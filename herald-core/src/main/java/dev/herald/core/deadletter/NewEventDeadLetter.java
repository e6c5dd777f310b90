package dev.herald.core.deadletter;

import dev.herald.core.model.TenantId;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** A record as it is set aside: its source, its bytes as they arrived, and the rule it broke. */
public record NewEventDeadLetter(UUID id, TenantId tenant, String topic, int partition, long offset, byte[] key,
                                 byte[] value, Map<String, byte[]> headers, String error, int attempts,
                                 Instant at) {
    public NewEventDeadLetter {
        headers = Map.copyOf(headers);
    }
}
