package dev.herald.core.stats;

import dev.herald.core.model.TenantId;

import java.time.Instant;
import java.util.List;

/** What is waiting on each lane for a tenant at a moment: the dashboard's view of the queue. */
public interface LaneDepths {
    /** One entry per lane, in lane order, counting deliveries a dispatcher could claim at {@code now}. */
    List<LaneDepth> at(TenantId tenant, Instant now);
}
