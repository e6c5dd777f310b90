package dev.herald.core.stats;

import dev.herald.core.model.Priority;

import java.time.Duration;
import java.util.List;

/**
 * Accept→sent latency on one lane over a sample of sent deliveries: the exact (nearest-rank) p50 and p95 of the
 * sample in milliseconds, null when the sample is empty. {@code sample} says how many sends they stand for.
 */
public record LaneLatency(Priority lane, int sample, Long p50Millis, Long p95Millis) {

    public static LaneLatency of(Priority lane, List<Duration> latencies) {
        long[] millis = latencies.stream().mapToLong(d -> Math.max(0, d.toMillis())).sorted().toArray();
        return new LaneLatency(lane, millis.length, percentile(millis, 0.50), percentile(millis, 0.95));
    }

    private static Long percentile(long[] sorted, double q) {
        if (sorted.length == 0) {
            return null;
        }
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(rank, 1) - 1];
    }
}
