package dev.herald.jdbc;

import dev.herald.core.model.Channel;
import dev.herald.core.model.DeliveryStatus;
import dev.herald.core.model.TenantId;
import dev.herald.core.statusout.StatusEvent;
import dev.herald.core.statusout.StatusOutbox;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

import java.time.Instant;
import java.util.List;

/**
 * The {@code status_outbox} table (written by {@link StatusHistory}) and the relay's lease row. The lease is a
 * plain conditional UPDATE of one row, the same on H2 and PostgreSQL: it works across nodes and needs no
 * session-bound lock (a PostgreSQL advisory lock would tie the relay to one pooled connection).
 */
public final class JdbcStatusOutbox implements StatusOutbox {
    static final RowMapper<StatusEvent> EVENT = (rs, i) -> new StatusEvent(rs.getLong("id"),
            Sql.uuid(rs, "event_id"), new TenantId(rs.getString("tenant_id")), Sql.uuid(rs, "notification_id"),
            Sql.uuid(rs, "delivery_id"), rs.getString("type"), Channel.valueOf(rs.getString("channel")),
            DeliveryStatus.valueOf(rs.getString("status")), Sql.instant(rs, "changed_at"), rs.getString("provider"),
            rs.getString("reason"));
    private static final int DELETE_CHUNK = 500;

    private final JdbcTemplate jdbc;

    public JdbcStatusOutbox(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<StatusEvent> oldest(int max) {
        return jdbc.query("""
                SELECT id, event_id, tenant_id, notification_id, delivery_id, type, channel, status, changed_at,
                       provider, reason
                FROM status_outbox ORDER BY id LIMIT ?""", EVENT, max);
    }

    @Override
    public void remove(List<Long> positions) {
        for (int from = 0; from < positions.size(); from += DELETE_CHUNK) {
            List<Long> chunk = positions.subList(from, Math.min(positions.size(), from + DELETE_CHUNK));
            jdbc.update("DELETE FROM status_outbox WHERE id IN (" + Sql.marks(chunk) + ")", chunk.toArray());
        }
    }

    @Override
    public long size() {
        Long count = jdbc.queryForObject("SELECT COUNT(*) FROM status_outbox", Long.class);
        return count == null ? 0 : count;
    }

    @Override
    public boolean holdRelay(String owner, Instant now, Instant until) {
        return jdbc.update("""
                UPDATE status_relay_lease SET owner = ?, held_until = ?
                WHERE name = 'status' AND (owner IS NULL OR owner = ? OR held_until < ?)""",
                owner, Sql.ts(until), owner, Sql.ts(now)) > 0;
    }

    @Override
    public void releaseRelay(String owner) {
        jdbc.update("UPDATE status_relay_lease SET owner = NULL WHERE name = 'status' AND owner = ?", owner);
    }
}
