package dev.herald.jdbc;

import dev.herald.core.model.Channel;
import dev.herald.core.model.DeliveryStatus;
import dev.herald.core.model.TenantId;
import dev.herald.core.stats.StatsRebuild;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Recomputes {@code delivery_stats} for one tenant from the delivery table and its status history, and
 * {@code delivery_provider_stats} from the delivery rows.
 */
public final class JdbcStatsRebuild implements StatsRebuild {
    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final SqlDialect dialect;

    public JdbcStatsRebuild(JdbcTemplate jdbc, TransactionTemplate tx, SqlDialect dialect) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.dialect = dialect;
    }

    /**
     * Replays what the stores count live: every delivery is accepted on its accept day, and every history row without
     * an event is the status change that was counted when it was written (intake, outcomes, receipts, bounces,
     * cancels, merges, discards). Rows naming an event (a complaint) changed no status and were never counted.
     * Writes racing with the rebuild may be counted twice or not at all, so run it when the tenant is quiet.
     */
    @Override
    public int rebuild(TenantId tenant) {
        Integer written = tx.execute(status -> {
            StatsTally tally = new StatsTally();
            jdbc.query("SELECT created_at, channel, type FROM delivery WHERE tenant_id = ?", rs -> {
                tally.accepted(tenant, Sql.instant(rs, "created_at"), Channel.valueOf(rs.getString("channel")),
                        rs.getString("type"), DeliveryStatus.ACCEPTED, null);
            }, tenant.value());
            jdbc.query("""
                    SELECT d.created_at, d.channel, d.type, s.status, s.detail, s.changed_at
                    FROM delivery_status s JOIN delivery d ON d.id = s.delivery_id
                    WHERE s.tenant_id = ? AND d.tenant_id = ? AND s.event IS NULL""", rs -> {
                tally.reached(tenant, Sql.instant(rs, "created_at"), Channel.valueOf(rs.getString("channel")),
                        rs.getString("type"), DeliveryStatus.valueOf(rs.getString("status")), rs.getString("detail"),
                        Sql.instant(rs, "changed_at"));
            }, tenant.value(), tenant.value());
            // Sent per provider comes from the delivery rows themselves: sent_at is set by the SENT outcome and kept
            // through receipts, and provider names who carried it (the last outcome before SENT was the send).
            jdbc.query("SELECT created_at, channel, provider FROM delivery WHERE tenant_id = ? AND sent_at IS NOT NULL",
                    rs -> {
                        tally.sentThrough(tenant, Sql.instant(rs, "created_at"),
                                Channel.valueOf(rs.getString("channel")), rs.getString("provider"));
                    }, tenant.value());
            jdbc.update("DELETE FROM delivery_stats WHERE tenant_id = ?", tenant.value());
            jdbc.update("DELETE FROM delivery_provider_stats WHERE tenant_id = ?", tenant.value());
            return tally.writeTo(jdbc, dialect, 0);
        });
        return written == null ? 0 : written;
    }
}
