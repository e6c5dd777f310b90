package dev.herald.core.deadletter;

import dev.herald.core.model.Priority;
import dev.herald.core.model.TenantId;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Port: the dead-letter queue. A delivery enters it when its last attempt fails (the queue writes it with that
 * outcome); an operator replays it (back to QUEUED with a fresh set of attempts) or discards it (CANCELLED, kept
 * for the record).
 */
public interface DeadLetters {
    DeadLetterPage list(TenantId tenant, DeadLetterFilter filter, int limit, UUID before);

    /** Replays one; returns its lane (to wake it) when it was in the queue. */
    Optional<Priority> retry(TenantId tenant, UUID deliveryId, Instant now);

    /** What a bulk replay did: how many went back, and which lanes to wake. */
    record Replayed(int count, Set<Priority> lanes) {
    }

    /** Replays every dead letter matching the filter, up to {@code max} of them. */
    Replayed retryAll(TenantId tenant, DeadLetterFilter filter, int max, Instant now);

    boolean discard(TenantId tenant, UUID deliveryId, Instant now);
}
