package dev.herald.server.api;

import dev.herald.core.stats.DeliveryCounts;
import dev.herald.core.stats.LatencyHistogram;

/**
 * A cell of the read model as the dashboard API shows it: the counters, the success rate and accept→sent
 * percentiles in milliseconds (the upper bound of the histogram bucket each falls in; null before anything was sent).
 */
record Traffic(long accepted, long sent, long delivered, long read, long failed, long dead, long suppressed,
               long suppressedByDedup, long expired, long cancelled, Double successRate, Long p50Millis,
               Long p95Millis, Long p99Millis) {

    static Traffic of(DeliveryCounts c) {
        LatencyHistogram latency = c.acceptToSent();
        return new Traffic(c.accepted(), c.sent(), c.delivered(), c.read(), c.failed(), c.dead(), c.suppressed(),
                c.suppressedByDedup(), c.expired(), c.cancelled(), c.successRate(), latency.percentileMillis(0.50),
                latency.percentileMillis(0.95), latency.percentileMillis(0.99));
    }
}
