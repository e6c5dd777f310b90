package dev.herald.core.model;

import java.util.EnumSet;
import java.util.Set;

import static dev.herald.core.model.DeliveryStatus.ACCEPTED;
import static dev.herald.core.model.DeliveryStatus.CANCELLED;
import static dev.herald.core.model.DeliveryStatus.DEAD;
import static dev.herald.core.model.DeliveryStatus.DELIVERED;
import static dev.herald.core.model.DeliveryStatus.EXPIRED;
import static dev.herald.core.model.DeliveryStatus.FAILED;
import static dev.herald.core.model.DeliveryStatus.QUEUED;
import static dev.herald.core.model.DeliveryStatus.SCHEDULED;
import static dev.herald.core.model.DeliveryStatus.SENDING;
import static dev.herald.core.model.DeliveryStatus.SENT;
import static dev.herald.core.model.DeliveryStatus.SUPPRESSED;

/**
 * The status changes a store makes on its own (not an outcome or a receipt, whose target varies), each named for its
 * cause, with the statuses it may start from. Every one is checked against {@link StatusTransitions} when this class
 * loads, and stores build their {@code WHERE status IN (…)} from {@link #from()}: the rule lives in one table, the
 * SQL is derived from it.
 */
public enum StatusMove {
    /** A dispatcher takes a due delivery: queued, scheduled and due, or held by a worker whose lease ran out. */
    CLAIM(SENDING, QUEUED, SCHEDULED, SENDING),
    /** The caller cancels what no dispatcher has taken; a dead letter is the operator's to discard. */
    CANCEL(CANCELLED, ACCEPTED, SCHEDULED, QUEUED),
    /** An operator sends a dead letter again. */
    REPLAY(QUEUED, DEAD),
    /** An operator gives a dead letter up. */
    DISCARD(CANCELLED, DEAD),
    /** A digest item merged into its digest's one delivery. */
    MERGE_INTO_DIGEST(SUPPRESSED, SCHEDULED),
    /** A digest item whose expiry passed before its digest went out. */
    EXPIRE_DIGEST_ITEM(EXPIRED, SCHEDULED),
    /** A delivery held for a workflow step goes out when the step is reached. */
    RELEASE_FOR_STEP(QUEUED, SCHEDULED),
    /** A delivery held for a workflow step whose condition said no (read already, not critical). */
    SKIP_FOR_STEP(SUPPRESSED, SCHEDULED),
    /**
     * A provider reports a hard bounce (or an invalid number) for a message it had taken: an email accepted over SMTP,
     * even one a receipt already called delivered, can still bounce.
     */
    BOUNCE(FAILED, SENT, DELIVERED),
    /** A delivery held for a workflow step that was set aside (it failed on every attempt): it will never go out. */
    FAIL_WITH_STEP(FAILED, SCHEDULED);

    private final DeliveryStatus to;
    private final Set<DeliveryStatus> from;

    StatusMove(DeliveryStatus to, DeliveryStatus first, DeliveryStatus... rest) {
        this.to = to;
        this.from = EnumSet.of(first, rest);
        this.from.forEach(source -> StatusTransitions.require(source, to));
    }

    public DeliveryStatus to() {
        return to;
    }

    public Set<DeliveryStatus> from() {
        return EnumSet.copyOf(from);
    }

    public boolean appliesTo(DeliveryStatus current) {
        return from.contains(current);
    }
}
