package dev.herald.jdbc;

import dev.herald.core.model.Priority;
import dev.herald.core.model.TenantId;
import dev.herald.core.stats.LaneLatencies;
import dev.herald.core.stats.LaneLatency;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Lane latencies from the rows themselves: per lane, the lane's latest notifications accepted today (the
 * {@code notification_lane_recent} index, newest first, at most {@link LaneLatencies#NOTIFICATIONS}) and their
 * deliveries that have a send time. The percentiles are taken in Java over at most that many rows per fan-out, the
 * same way on H2 and PostgreSQL.
 */
public final class JdbcLaneLatencies implements LaneLatencies {
    private static final String SENT = """
            SELECT d.created_at, d.sent_at FROM delivery d
            WHERE d.tenant_id = ? AND d.lane = ? AND d.sent_at IS NOT NULL AND d.notification_id IN (
                SELECT n.id FROM notification n
                WHERE n.tenant_id = ? AND n.priority = ? AND n.created_at >= ? AND n.created_at <= ?
                ORDER BY n.created_at DESC LIMIT ?)""";

    private final JdbcTemplate jdbc;

    public JdbcLaneLatencies(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<LaneLatency> today(TenantId tenant, Instant now) {
        Instant dayStart = LocalDate.ofInstant(now, ZoneOffset.UTC).atStartOfDay(ZoneOffset.UTC).toInstant();
        List<LaneLatency> latencies = new ArrayList<>();
        for (Priority lane : Priority.values()) {
            List<Duration> sample = jdbc.query(SENT,
                    (rs, i) -> Duration.between(Sql.instant(rs, "created_at"), Sql.instant(rs, "sent_at")),
                    tenant.value(), lane.name(), tenant.value(), lane.name(), Sql.ts(dayStart), Sql.ts(now),
                    NOTIFICATIONS);
            latencies.add(LaneLatency.of(lane, sample));
        }
        return latencies;
    }
}
