package dev.herald.core.broadcast;

import dev.herald.core.model.TenantId;

import java.time.Instant;
import java.util.UUID;

/**
 * One notification sent to every subscriber of a topic. Its audience is fixed when it is accepted: the subscribers
 * up to {@code lastPosition} (who subscribes later is not included). {@code cursor} is the position of the last
 * subscriber planned, moved in the transaction that writes that chunk's notifications; {@code total} is counted by
 * the runner that first takes it up (null until then); {@code skipped} counts subscribers left out because they were
 * no longer in the directory. {@code unreadable} is null when the stored row was read whole; else it names the parts
 * a read for showing could not read (written by a newer version, or damaged), shown empty or UNKNOWN.
 */
public record Broadcast(UUID id, TenantId tenant, String topic, BroadcastState state, BroadcastTemplate template,
                        String idempotencyKey, String requestHash, long lastPosition, Long total, long cursor,
                        long planned, long skipped, String stopReason, Instant createdAt, Instant updatedAt,
                        String unreadable) {

    /** A broadcast just accepted: nothing planned yet. */
    public static Broadcast accepted(UUID id, TenantId tenant, String topic, BroadcastTemplate template,
                                     String idempotencyKey, String requestHash, long lastPosition, Instant at) {
        return new Broadcast(id, tenant, topic, BroadcastState.PLANNING, template, idempotencyKey, requestHash,
                lastPosition, null, 0, 0, 0, null, at, at, null);
    }
}
