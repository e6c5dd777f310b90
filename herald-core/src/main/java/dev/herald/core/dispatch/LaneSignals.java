package dev.herald.core.dispatch;

import dev.herald.core.model.Priority;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * In-process wake-ups: intake signals a lane after committing so an idle dispatcher sends within
 * milliseconds instead of waiting for its next poll. A signal given while nobody waits is kept.
 */
public final class LaneSignals {
    private final Map<Priority, Semaphore> lanes = new EnumMap<>(Priority.class);

    public LaneSignals() {
        for (Priority lane : Priority.values()) {
            lanes.put(lane, new Semaphore(0));
        }
    }

    public void wake(Priority lane) {
        Semaphore signal = lanes.get(lane);
        // One pending permit is enough: a woken dispatcher claims everything that is due.
        if (signal.availablePermits() == 0) {
            signal.release();
        }
    }

    /** True while a wake-up of the lane is waiting for its dispatcher to take it. */
    public boolean pending(Priority lane) {
        return lanes.get(lane).availablePermits() > 0;
    }

    /** Waits for a wake-up or the timeout; returns true when woken. */
    public boolean await(Priority lane, Duration timeout) throws InterruptedException {
        Semaphore signal = lanes.get(lane);
        boolean woken = signal.tryAcquire(timeout.toNanos(), TimeUnit.NANOSECONDS);
        signal.drainPermits();
        return woken;
    }
}
