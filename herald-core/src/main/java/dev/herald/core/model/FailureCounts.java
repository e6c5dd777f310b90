package dev.herald.core.model;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Failures Herald logged and carried on past (housekeeping that must not stop a send), counted per step, so an
 * operator can see them without reading logs. A step is a short name like {@code dedup-check}.
 */
public final class FailureCounts {
    private final Map<String, LongAdder> byStep = new ConcurrentHashMap<>();

    public void add(String step) {
        byStep.computeIfAbsent(step, s -> new LongAdder()).increment();
    }

    /** How often the step failed since this node started. */
    public long count(String step) {
        LongAdder counted = byStep.get(step);
        return counted == null ? 0 : counted.sum();
    }

    /** Every step that failed at least once, by name. */
    public Map<String, Long> snapshot() {
        Map<String, Long> counts = new TreeMap<>();
        byStep.forEach((step, counted) -> counts.put(step, counted.sum()));
        return counts;
    }
}
