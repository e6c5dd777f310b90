package dev.herald.core.stats;

/**
 * What became of the deliveries accepted in one cell of the read model (a day, channel and type, or a sum of
 * cells). Every counter counts deliveries that reached the status at least once, so a delivery can be counted as
 * sent and then delivered or failed (a receipt); {@code suppressedByDedup} is the part of {@code suppressed} that
 * content dedup stopped.
 */
public record DeliveryCounts(long accepted, long sent, long delivered, long read, long failed, long dead,
                             long suppressed, long suppressedByDedup, long expired, long cancelled,
                             LatencyHistogram acceptToSent) {

    public static DeliveryCounts none() {
        return new DeliveryCounts(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, LatencyHistogram.empty());
    }

    public DeliveryCounts plus(DeliveryCounts o) {
        return new DeliveryCounts(accepted + o.accepted, sent + o.sent, delivered + o.delivered, read + o.read,
                failed + o.failed, dead + o.dead, suppressed + o.suppressed,
                suppressedByDedup + o.suppressedByDedup, expired + o.expired, cancelled + o.cancelled,
                acceptToSent.plus(o.acceptToSent));
    }

    /**
     * Sent out of everything that came to an end by being sent or given up on (failed, dead, expired); null when
     * nothing has. Suppressed and cancelled deliveries were never meant to go, so they do not count against it.
     */
    public Double successRate() {
        long ended = sent + failed + dead + expired;
        return ended == 0 ? null : (double) sent / ended;
    }
}
