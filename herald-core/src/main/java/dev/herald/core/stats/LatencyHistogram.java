package dev.herald.core.stats;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Accept→sent latencies counted in fixed buckets, so days and channels merge by adding counts and percentiles stay
 * exact to a bucket: a percentile is reported as the upper bound of the bucket it falls in.
 */
public record LatencyHistogram(List<Long> counts) {
    /** Upper bounds of the buckets in milliseconds; the last bucket holds everything slower than the last bound. */
    public static final List<Long> BOUNDS_MILLIS = List.of(100L, 250L, 500L, 1_000L, 2_500L, 5_000L, 10_000L,
            30_000L, 60_000L, 300_000L);
    /** Number of buckets: one per bound and one for the slower rest. */
    public static final int BUCKETS = BOUNDS_MILLIS.size() + 1;

    public LatencyHistogram {
        if (counts.size() != BUCKETS) {
            throw new IllegalArgumentException("a latency histogram has " + BUCKETS + " buckets, not " + counts.size());
        }
        counts = List.copyOf(counts);
    }

    public static LatencyHistogram empty() {
        return new LatencyHistogram(java.util.Collections.nCopies(BUCKETS, 0L));
    }

    /** The bucket a latency falls in; a negative one (clocks apart) counts as the fastest. */
    public static int bucketOf(Duration latency) {
        long millis = Math.max(0, latency.toMillis());
        for (int i = 0; i < BOUNDS_MILLIS.size(); i++) {
            if (millis <= BOUNDS_MILLIS.get(i)) {
                return i;
            }
        }
        return BOUNDS_MILLIS.size();
    }

    public long total() {
        return counts.stream().mapToLong(Long::longValue).sum();
    }

    public LatencyHistogram plus(LatencyHistogram other) {
        List<Long> sum = new ArrayList<>(BUCKETS);
        for (int i = 0; i < BUCKETS; i++) {
            sum.add(counts.get(i) + other.counts.get(i));
        }
        return new LatencyHistogram(sum);
    }

    /**
     * The upper bound in milliseconds of the bucket holding quantile {@code q} (0 &lt; q ≤ 1); null when nothing was
     * counted. In the open last bucket it is the last bound: "at least this slow".
     */
    public Long percentileMillis(double q) {
        long total = total();
        if (total == 0) {
            return null;
        }
        long rank = (long) Math.ceil(q * total);
        long seen = 0;
        for (int i = 0; i < BOUNDS_MILLIS.size(); i++) {
            seen += counts.get(i);
            if (seen >= rank) {
                return BOUNDS_MILLIS.get(i);
            }
        }
        return BOUNDS_MILLIS.getLast();
    }
}
