package dev.herald.core.dispatch;

import dev.herald.core.model.Priority;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * How dispatch behaves: claim batch size, lease length, idle polling bounds, and the sends each lane may have in
 * flight. Each lane owns its share, so a LOW backlog can never take CRITICAL's workers; and while CRITICAL or HIGH
 * is busy, NORMAL and LOW keep at most {@code yieldSlots} sends in flight each, so they do not take the cores,
 * connections and database time the urgent sends need either (see {@link LaneShare}).
 */
public record DispatchSettings(int batchSize, Duration lease, Duration minPoll, Duration maxPoll,
                               Map<Priority, Integer> concurrency, int yieldSlots, String workerId) {
    /** NORMAL's and LOW's sends in flight while an urgent lane is busy, unless configured otherwise. */
    public static final int DEFAULT_YIELD_SLOTS = 4;

    public DispatchSettings {
        if (yieldSlots < 1) {
            throw new IllegalArgumentException("yieldSlots must be at least 1, so bulk lanes always move");
        }
        concurrency = Map.copyOf(concurrency);
        for (Priority lane : Priority.values()) {
            if (concurrency.getOrDefault(lane, 0) < 1) {
                throw new IllegalArgumentException("lane " + lane + " needs a concurrency of at least 1");
            }
        }
    }

    public DispatchSettings(int batchSize, Duration lease, Duration minPoll, Duration maxPoll,
                            Map<Priority, Integer> concurrency, String workerId) {
        this(batchSize, lease, minPoll, maxPoll, concurrency, DEFAULT_YIELD_SLOTS, workerId);
    }

    public static DispatchSettings defaults(String workerId) {
        Map<Priority, Integer> concurrency = new EnumMap<>(Priority.class);
        concurrency.put(Priority.CRITICAL, 32);
        concurrency.put(Priority.HIGH, 64);
        concurrency.put(Priority.NORMAL, 128);
        concurrency.put(Priority.LOW, 64);
        return new DispatchSettings(200, Duration.ofSeconds(30), Duration.ofMillis(10), Duration.ofSeconds(1),
                concurrency, workerId);
    }

    public int concurrency(Priority lane) {
        return concurrency.get(lane);
    }
}
