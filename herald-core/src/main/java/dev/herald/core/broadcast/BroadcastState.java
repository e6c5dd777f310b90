package dev.herald.core.broadcast;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Where a broadcast stands. PLANNING: subscribers are being turned into notifications, chunk by chunk. PLANNED:
 * every subscriber of the audience has its notification (deliveries may still be on their way). STOPPED: planning
 * ended early because a rule of the request no longer holds (it expired, its type lost its channels) or its topic
 * was deleted, which takes the rest of the audience with it.
 * CANCELLING: the caller cancelled; its not-yet-sent deliveries are being cancelled in batches. CANCELLED: done so.
 * FAILED: set aside because its rounds failed on every attempt (the reason says how); what was planned stays
 * planned, and it can still be cancelled. UNKNOWN: a stored state this version cannot read (a newer version's, a
 * damaged row), only ever shown; nothing moves it and no runner takes it. The moves allowed between them are written
 * here once.
 */
public enum BroadcastState {
    PLANNING, PLANNED, STOPPED, CANCELLING, CANCELLED, FAILED, UNKNOWN;

    private static final Map<BroadcastState, Set<BroadcastState>> NEXT = Map.of(
            PLANNING, EnumSet.of(PLANNED, STOPPED, CANCELLING, FAILED),
            PLANNED, EnumSet.of(CANCELLING),
            STOPPED, EnumSet.of(CANCELLING),
            CANCELLING, EnumSet.of(CANCELLED, FAILED),
            CANCELLED, EnumSet.noneOf(BroadcastState.class),
            FAILED, EnumSet.of(CANCELLING),
            UNKNOWN, EnumSet.noneOf(BroadcastState.class));

    public boolean canMoveTo(BroadcastState next) {
        return NEXT.get(this).contains(next);
    }

    /** The states a move to {@code next} may start from, for statements that check them. */
    public static Set<BroadcastState> before(BroadcastState next) {
        Set<BroadcastState> from = EnumSet.noneOf(BroadcastState.class);
        NEXT.forEach((state, after) -> {
            if (after.contains(next)) {
                from.add(state);
            }
        });
        return from;
    }

    /** A runner has work to do for a broadcast in this state. */
    public boolean hasWork() {
        return this == PLANNING || this == CANCELLING;
    }
}
