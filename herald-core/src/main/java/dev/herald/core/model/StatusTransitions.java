package dev.herald.core.model;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import static dev.herald.core.model.DeliveryStatus.*;
import java.util.Collections;

/** Every allowed status change of a delivery, written out in one place. */
public final class StatusTransitions {
    private static final Map<DeliveryStatus, Set<DeliveryStatus>> ALLOWED = allowed();

    private static Map<DeliveryStatus, Set<DeliveryStatus>> allowed() {
        Map<DeliveryStatus, Set<DeliveryStatus>> map = new EnumMap<>(DeliveryStatus.class);
        map.put(ACCEPTED, EnumSet.of(SCHEDULED, QUEUED, FAILED, SUPPRESSED, CANCELLED, EXPIRED));
        // SCHEDULED -> SENDING: a scheduled delivery is claimed straight from the queue once its time comes.
        // SCHEDULED -> SUPPRESSED: a digest item merged into its digest's one delivery.
        // SCHEDULED -> FAILED: held for a workflow step that was set aside after failing on every attempt.
        map.put(SCHEDULED, EnumSet.of(QUEUED, SENDING, CANCELLED, EXPIRED, SUPPRESSED, FAILED));
        map.put(QUEUED, EnumSet.of(SENDING, CANCELLED, EXPIRED));
        // SENDING -> SENDING: a worker died and its lease ran out, so another worker claims the delivery again.
        // SENDING -> QUEUED: the provider asked us to retry later.
        // SENDING -> SUPPRESSED: dropped right before the send (a user's channel budget is spent).
        map.put(SENDING, EnumSet.of(SENDING, QUEUED, SENT, FAILED, DEAD, EXPIRED, SUPPRESSED));
        map.put(SENT, EnumSet.of(DELIVERED, READ, FAILED));
        // DELIVERED -> FAILED: email "delivered" (accepted over SMTP) can still bounce later; only a bounce moves it
        // (StatusMove.BOUNCE), never a receipt (see RECEIPT_NEVER).
        map.put(DELIVERED, EnumSet.of(READ, FAILED));
        // DEAD deliveries are replayed by an operator from the dead-letter queue.
        map.put(DEAD, EnumSet.of(QUEUED, CANCELLED));
        for (DeliveryStatus terminal : EnumSet.of(READ, FAILED, SUPPRESSED, EXPIRED, CANCELLED)) {
            map.put(terminal, EnumSet.noneOf(DeliveryStatus.class));
        }
        return Collections.unmodifiableMap(map);
    }

    /** Moves the table allows only to a named {@link StatusMove}, which a provider's receipt never makes. */
    private static final Map<DeliveryStatus, Set<DeliveryStatus>> RECEIPT_NEVER = Map.of(DELIVERED, EnumSet.of(FAILED));

    private StatusTransitions() {
    }

    /**
     * Whether a receipt (delivered, read, failed on the handset) may make this move: an allowed move that is not
     * reserved to a named move. A "failed" receipt after "delivered" (an SMS callback out of order) stays refused.
     */
    public static boolean isReceipt(DeliveryStatus from, DeliveryStatus to) {
        return isAllowed(from, to) && !RECEIPT_NEVER.getOrDefault(from, Set.of()).contains(to);
    }

    public static boolean isAllowed(DeliveryStatus from, DeliveryStatus to) {
        return ALLOWED.get(from).contains(to);
    }

    /** Fails loudly on a change the state machine forbids: a bug, never a user error. */
    public static DeliveryStatus require(DeliveryStatus from, DeliveryStatus to) {
        if (!isAllowed(from, to)) {
            throw new IllegalStateException("delivery status cannot change from " + from + " to " + to);
        }
        return to;
    }

    public static Set<DeliveryStatus> allowedFrom(DeliveryStatus from) {
        return EnumSet.copyOf(ALLOWED.get(from));
    }
}
