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

/** Lane depths from the delivery table, with the claim's own condition: what a dispatcher would take now. */
public final class JdbcLaneDepths implements LaneDepths {
    // Per lane, the (lane, due_at) index bounds the scan to the work that is due.
    private static final String DUE = "SELECT COUNT(*) AS n, MIN(due_at) AS oldest FROM delivery"
            + " WHERE lane = ? AND due_at <= ? AND tenant_id = ? AND " + StatusSql.from(StatusMove.CLAIM);

    private final JdbcTemplate jdbc;

    public JdbcLaneDepths(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<LaneDepth> at(TenantId tenant, Instant now) {
        List<LaneDepth> depths = new ArrayList<>();
        for (Priority lane : Priority.values()) {
            depths.add(jdbc.queryForObject(DUE, (rs, i) -> {
                Instant oldest = Sql.instant(rs, "oldest");
                return new LaneDepth(lane, rs.getLong("n"),
                        oldest == null ? Duration.ZERO : Duration.between(oldest, now));
            }, lane.name(), Sql.ts(now), tenant.value()));
        }
        return depths;
    }
}
