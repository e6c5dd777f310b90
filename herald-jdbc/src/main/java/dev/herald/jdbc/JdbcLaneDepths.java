package dev.herald.jdbc;

import dev.herald.core.model.Priority;
import dev.herald.core.model.StatusMove;
import dev.herald.core.model.TenantId;
import dev.herald.core.stats.LaneDepth;
import dev.herald.core.stats.LaneDepths;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Lane depths from the delivery table, with the claim's own condition: what a dispatcher would take now (a SENDING
 * row whose lease ran out included), so a depth is the work the workers have not caught up with, not what is
 * scheduled for later. One query serves the tenant's dashboard and the installation-wide gauges; the only
 * difference is the tenant filter.
 */
public final class JdbcLaneDepths implements LaneDepths {
    // One statement per lane: lane = ? lets the (lane, due_at) index bound the scan to the work that is due, which a
    // single GROUP BY lane over every lane could not.
    // The lower bound on due_at is the claim's (JdbcDeliveryQueue.PICK_DUE): finished rows keep an index entry with a
    // NULL due_at, which H2 sorts first and would otherwise walk, reading each row for its status, on every gauge.
    private static final String DUE = "SELECT COUNT(*) AS n, MIN(due_at) AS oldest FROM delivery"
            + " WHERE lane = ? AND due_at >= ? AND due_at <= ? AND " + StatusSql.from(StatusMove.CLAIM);
    private static final String DUE_FOR_TENANT = DUE + " AND tenant_id = ?";

    private final JdbcTemplate jdbc;

    public JdbcLaneDepths(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<LaneDepth> at(TenantId tenant, Instant now) {
        return depths(now, tenant);
    }

    @Override
    public List<LaneDepth> everyTenant(Instant now) {
        return depths(now, null);
    }

    private List<LaneDepth> depths(Instant now, TenantId tenant) {
        List<LaneDepth> depths = new ArrayList<>();
        for (Priority lane : Priority.values()) {
            Object earliest = Sql.ts(JdbcDeliveryQueue.EARLIEST);
            Object[] params = tenant == null ? new Object[]{lane.name(), earliest, Sql.ts(now)}
                    : new Object[]{lane.name(), earliest, Sql.ts(now), tenant.value()};
            depths.add(jdbc.queryForObject(tenant == null ? DUE : DUE_FOR_TENANT, (rs, i) -> {
                Instant oldest = Sql.instant(rs, "oldest");
                Duration age = oldest == null || oldest.isAfter(now) ? Duration.ZERO : Duration.between(oldest, now);
                return new LaneDepth(lane, rs.getLong("n"), age);
            }, params));
        }
        return depths;
    }
}
