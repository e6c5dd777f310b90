package dev.herald.core.deadletter;

import dev.herald.core.model.TenantId;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** A set-aside business-event record, with what an operator needs to decide: replay it or discard it. */
public record EventDeadLetter(UUID id, TenantId tenant, String topic, int partition, long offset, byte[] key,
                              byte[] value, Map<String, byte[]> headers, String error, int attempts,
                              Instant setAsideAt, Instant lastAttemptAt) {
    public EventDeadLetter {
        headers = Map.copyOf(headers);
    }
}
