package dev.herald.core.dispatch;

import dev.herald.core.model.Priority;

import java.util.EnumMap;
import java.util.Map;

/**
 * The adaptive share of one node's sends between lanes. Each lane owns its send slots, but the lanes share the
 * node's cores, its connection pool and the database: a LOW backlog running its 64 slots flat out stretches every
 * CRITICAL send's queries, connection waits and commits. So while an urgent lane (CRITICAL, HIGH) has work waiting
 * or in flight, the bulk lanes (NORMAL, LOW) keep at most {@link DispatchSettings#yieldSlots()} sends in flight,
 * and get their full share back as soon as the urgent lanes are idle. Never below that floor, so bulk work always
 * moves. Only claiming is held back: a send already started finishes and its outcome is written as before.
 *
 * <p>An urgent lane counts as busy from the wake-up intake gives it (or a claim that found work) until a claim of
 * it comes back empty and its last send's outcome is committed.
 */
final class LaneShare {
    private final DispatchSettings settings;
    private final LaneSignals signals;
    private final Map<Priority, Integer> inFlight = new EnumMap<>(Priority.class);
    private final Map<Priority, Boolean> hasWork = new EnumMap<>(Priority.class);

    LaneShare(DispatchSettings settings, LaneSignals signals) {
        this.settings = settings;
        this.signals = signals;
        for (Priority lane : Priority.values()) {
            inFlight.put(lane, 0);
            hasWork.put(lane, false);
        }
    }

    /** The lane's dispatcher was woken: work is waiting that it has not claimed yet. */
    synchronized void woken(Priority lane) {
        hasWork.put(lane, true);
    }

    /** A claim of the lane returned {@code count} deliveries, now in flight; none means the lane is drained. */
    synchronized void claimed(Priority lane, int count) {
        inFlight.merge(lane, count, Integer::sum);
        hasWork.put(lane, count > 0);
        notifyAll();
    }

    /** One send of the lane finished (its outcome is committed, or it was handed back for its lease to run out). */
    synchronized void finished(Priority lane) {
        inFlight.merge(lane, -1, Integer::sum);
        notifyAll();
    }

    /** True while CRITICAL or HIGH has work waiting (woken, or its last claim found some) or sends in flight. */
    synchronized boolean urgentBusy() {
        for (Priority lane : Priority.values()) {
            if (lane.urgent() && (hasWork.get(lane) || inFlight.get(lane) > 0 || signals.pending(lane))) {
                return true;
            }
        }
        return false;
    }

    /** The sends the lane may have in flight right now: its full share, or the floor while an urgent lane is busy. */
    synchronized int limit(Priority lane) {
        int full = settings.concurrency(lane);
        return lane.urgent() || !urgentBusy() ? full : Math.min(full, settings.yieldSlots());
    }

    /** How many more sends the lane may start right now (0 while it is at its limit). */
    synchronized int room(Priority lane) {
        return Math.max(0, limit(lane) - inFlight.get(lane));
    }

    synchronized int inFlight(Priority lane) {
        return inFlight.get(lane);
    }

    /**
     * Waits until the lane may start another send, or until {@code maxWaitMillis} passed: an urgent lane's state
     * can change without a call here (a wake-up from intake), so a bulk lane held back looks again at least that
     * often.
     */
    synchronized void awaitRoom(Priority lane, long maxWaitMillis) throws InterruptedException {
        if (room(lane) == 0) {
            wait(Math.max(1, maxWaitMillis));
        }
    }

    /** Lets a waiting dispatcher look again (it is stopping). */
    synchronized void nudge() {
        notifyAll();
    }
}
