package dev.herald.core.stats;

import dev.herald.core.model.TenantId;

import java.time.Instant;
import java.util.List;

/**
 * What is waiting on each lane at a moment: for one tenant (the dashboard's view of the queue) or for the whole
 * installation (the lane gauges that autoscaling reads). Both count with the same query, so they cannot disagree.
 */
public interface LaneDepths {
    /** One entry per lane, in lane order, counting the tenant's deliveries a dispatcher could claim at {@code now}. */
    List<LaneDepth> at(TenantId tenant, Instant now);

    /** The same over every tenant: one entry per lane, in lane order. */
    List<LaneDepth> everyTenant(Instant now);
}
