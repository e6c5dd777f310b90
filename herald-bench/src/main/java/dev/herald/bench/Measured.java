package dev.herald.bench;

import org.HdrHistogram.Histogram;

import java.util.Locale;

/**
 * One scenario's figures: accepted per second, delivered per second (NaN when nothing was delivered, as in an
 * intake-only run or for the baseline) and accept→sent latency (null likewise).
 */
record Measured(String name, double acceptedPerSecond, double deliveredPerSecond, Histogram latency) {

    long p99Millis() {
        return latency == null ? -1 : latency.getValueAtPercentile(99);
    }

    /** A Markdown row: accepted/s, delivered/s, p50, p99 and accepted/s as a share of {@code baseline}. */
    String row(double baseline) {
        return String.format(Locale.ROOT, "| %s | %,.0f | %s | %s | %s | %.2f |", name, acceptedPerSecond,
                Double.isNaN(deliveredPerSecond) ? "–" : String.format(Locale.ROOT, "%,.0f", deliveredPerSecond),
                latency == null ? "–" : latency.getValueAtPercentile(50) + " ms",
                latency == null ? "–" : latency.getValueAtPercentile(99) + " ms",
                acceptedPerSecond / baseline);
    }
}
