package dev.herald.jdbc;

import dev.herald.core.model.Channel;
import dev.herald.core.model.DeliveryStatus;
import dev.herald.core.model.TenantId;
import dev.herald.core.stats.RecentFailure;
import dev.herald.core.stats.RecentFailurePage;
import dev.herald.core.stats.RecentFailures;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Reads the {@code recent_failure} rows the stores write with each failure ({@link RecentFailureRows}), with each
 * delivery's current status looked up by its key (at most a page of them), and forgets old ones.
 */
public final class JdbcRecentFailures implements RecentFailures {
    private static final RowMapper<RecentFailure> FAILURE = (rs, i) -> {
        String current = rs.getString("current_status");
        return new RecentFailure(Sql.uuid(rs, "id"), Sql.uuid(rs, "delivery_id"), Sql.uuid(rs, "notification_id"),
                rs.getString("user_id"), Channel.valueOf(rs.getString("channel")), rs.getString("type"),
                rs.getString("provider"), DeliveryStatus.valueOf(rs.getString("status")), rs.getString("reason"),
                rs.getInt("attempts"), Sql.instant(rs, "failed_at"),
                current == null ? null : DeliveryStatus.valueOf(current));
    };

    private final JdbcClient client;

    public JdbcRecentFailures(JdbcTemplate jdbc) {
        this.client = JdbcClient.create(jdbc);
    }

    @Override
    public RecentFailurePage list(TenantId tenant, int limit, UUID before) {
        List<Object> params = new ArrayList<>(List.of(tenant.value()));
        String where = "WHERE f.tenant_id = ?";
        if (before != null) {
            where += " AND f.id < ?";
            params.add(before);
        }
        params.add(limit + 1);
        List<RecentFailure> rows = client.sql("""
                        SELECT f.id, f.delivery_id, f.notification_id, f.user_id, f.channel, f.type, f.provider,
                               f.status, f.reason, f.attempts, f.failed_at, d.status AS current_status
                        FROM recent_failure f LEFT JOIN delivery d ON d.id = f.delivery_id AND d.tenant_id = f.tenant_id
                        """ + where + " ORDER BY f.id DESC LIMIT ?")
                .params(params).query(FAILURE).list();
        boolean more = rows.size() > limit;
        List<RecentFailure> page = more ? rows.subList(0, limit) : rows;
        return new RecentFailurePage(List.copyOf(page), more ? page.getLast().id() : null);
    }

    @Override
    public int forgetBefore(Instant cutoff, int max) {
        return client.sql("DELETE FROM recent_failure WHERE id IN ("
                        + "SELECT id FROM recent_failure WHERE failed_at < ? LIMIT ?)")
                .params(Sql.ts(cutoff), max).update();
    }
}
