package dev.herald.core.deadletter;

import dev.herald.core.model.TenantId;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Port: business-event records that could not become notifications (not JSON, an unknown type, no recipient),
 * set aside so their partition moves on, and kept until an operator replays or discards them.
 */
public interface EventDeadLetters {
    /**
     * Keeps a set-aside record once: the same topic, partition and offset again (a record read twice because
     * its DLQ publication failed) changes nothing. Returns the letter's id either way.
     */
    UUID setAside(NewEventDeadLetter letter);

    /** Newest first; {@code before} is the id the previous page ended with. */
    EventDeadLetterPage list(TenantId tenant, int limit, UUID before);

    Optional<EventDeadLetter> find(TenantId tenant, UUID id);

    /** A replay failed again: one more attempt, and the new reason. */
    void failedAgain(TenantId tenant, UUID id, String error, Instant at);

    boolean remove(TenantId tenant, UUID id);
}
