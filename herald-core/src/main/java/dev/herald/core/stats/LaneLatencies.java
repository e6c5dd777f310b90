package dev.herald.core.stats;

import dev.herald.core.model.TenantId;

import java.time.Instant;
import java.util.List;

/**
 * Accept→sent latency per lane, measured on a recent sample rather than kept in the read model: the sent
 * deliveries of each lane's last {@link #NOTIFICATIONS} notifications accepted on {@code now}'s UTC day. Reading it
 * costs a bounded index walk per lane; sending costs nothing extra.
 */
public interface LaneLatencies {
    /** How many of a lane's most recent notifications the sample looks at. */
    int NOTIFICATIONS = 1_000;

    /** One entry per lane, in lane order; a lane with nothing sent in the sample has sample 0 and no percentiles. */
    List<LaneLatency> today(TenantId tenant, Instant now);
}
