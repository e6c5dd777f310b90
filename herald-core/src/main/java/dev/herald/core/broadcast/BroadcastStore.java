package dev.herald.core.broadcast;

import dev.herald.core.model.DeliveryStatus;
import dev.herald.core.model.RetryThenSetAside;
import dev.herald.core.model.RetryThenSetAside.Setback;
import dev.herald.core.model.RoundFailure;
import dev.herald.core.model.TenantId;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Port: broadcasts, the lease a runner holds on one while it works on it, and the link from a broadcast to the
 * notification each subscriber got. Every write a runner makes is fenced by its lease: a runner that lost its lease
 * (it stalled past it, another node took over) writes nothing.
 */
public interface BroadcastStore {
    /**
     * Writes an accepted broadcast durably.
     *
     * @throws dev.herald.core.notification.DuplicateIdempotencyKeyException when its idempotency key is held by
     *                                                                        another broadcast; nothing is written
     */
    void create(Broadcast broadcast);

    Optional<Broadcast> find(TenantId tenant, UUID id);

    Optional<Broadcast> findByIdempotencyKey(TenantId tenant, String idempotencyKey);

    /** Frees a key whose retention is over; only the given broadcast's hold is released. */
    boolean releaseIdempotencyKey(TenantId tenant, String idempotencyKey, UUID id);

    /** The tenant's broadcasts, newest first, after the given id (exclusive; null for the first page). */
    BroadcastPage list(TenantId tenant, int limit, UUID after);

    /**
     * How many of the broadcast's deliveries stand in each status (statuses with none are left out). A backend may
     * reuse counts for a short while (the JDBC store: at most a minute) so that a read of a large broadcast stays
     * cheap; a reused count shows more deliveries pending than there are, not fewer (but for a replayed DEAD one).
     */
    Map<DeliveryStatus, Long> deliveries(TenantId tenant, UUID id);

    /**
     * Takes the lease on one broadcast with work to do ({@link BroadcastState#hasWork}) whose lease is free or has
     * lapsed and whose next try after a failure ({@link #failed}) has come, oldest first, until {@code until}; empty
     * when there is none.
     *
     * @throws BroadcastFailedException when the broadcast taken cannot be read; it names the broadcast
     */
    Optional<Broadcast> claim(String owner, Instant now, Instant until);

    /**
     * Records a failed round of a broadcast the owner holds: its attempts grow by one (not for a passing failure),
     * the claim passes it over until the time {@link RetryThenSetAside#after} says, and the lease is given up, so the
     * next round takes another broadcast. A written chunk starts the count again. Empty when the lease is lost.
     */
    Optional<Setback> failed(UUID id, String owner, RoundFailure failure, Instant now, RetryThenSetAside rule);

    /**
     * Sets a broadcast aside (FAILED) with the reason, whatever its lease: its rounds failed on every attempt. The
     * chunks written stay as they are. False when it has no work left (planned, cancelled meanwhile).
     */
    boolean setAside(UUID id, String reason, Instant now);

    /** Gives the lease up, so another runner may take the broadcast at once. */
    void release(UUID id, String owner);

    /** Records the audience's size, counted when planning starts; false when the lease is lost. */
    boolean counted(UUID id, String owner, long total, Instant until);

    /**
     * Writes a planned chunk in one transaction: its notifications and deliveries (the same write as any accepted
     * notification), the link of each subscriber to its notification (at most one per broadcast and user), the
     * cursor and counts, and the lease extended to {@code until}; with {@code last}, the broadcast becomes PLANNED.
     * Nothing is written, and false returned, unless {@code owner} holds the lease and the broadcast is PLANNING.
     */
    boolean planChunk(UUID id, String owner, PlannedChunk chunk, boolean last, Instant now, Instant until);

    /** Ends planning early (STOPPED) with the reason; false when the lease is lost. */
    boolean stop(UUID id, String owner, String reason, Instant now);

    /**
     * Moves the broadcast to CANCELLING, whatever its lease (a runner's next chunk write then fails its fence);
     * empty when the tenant has no such broadcast. A broadcast already cancelling or cancelled is left as it is.
     */
    Optional<Broadcast> cancel(TenantId tenant, UUID id, Instant now);

    /** The notifications of the broadcast's subscribers after {@code afterUserId} (exclusive), in user-id order. */
    List<Member> members(TenantId tenant, UUID id, String afterUserId, int limit);

    /**
     * Records how far cancelling got (the last user whose notification was cancelled) and, with {@code done}, that
     * it is over (CANCELLED); false when the lease is lost.
     */
    boolean cancelledUpTo(UUID id, String owner, String userId, boolean done, Instant now, Instant until);

    /** Where cancelling a broadcast got to: the last user whose notification was cancelled, null before the first. */
    Optional<String> cancelledAfter(TenantId tenant, UUID id);

    /** One subscriber's notification in a broadcast. */
    record Member(String userId, UUID notificationId) {
    }
}
