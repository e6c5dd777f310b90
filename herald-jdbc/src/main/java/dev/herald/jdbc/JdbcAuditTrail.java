package dev.herald.jdbc;

import dev.herald.core.audit.AuditAction;
import dev.herald.core.audit.AuditEntry;
import dev.herald.core.audit.AuditPage;
import dev.herald.core.audit.AuditQuery;
import dev.herald.core.audit.AuditSummary;
import dev.herald.core.audit.AuditTrail;
import dev.herald.core.model.TenantId;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The audit log in {@code audit_event}. Plain statements on the shared data source, so {@link #record} runs in the
 * caller's transaction when there is one (the server's {@code AuditedChange}) and commits or rolls back with it.
 */
public final class JdbcAuditTrail implements AuditTrail {
    private static final RowMapper<AuditEntry> ENTRY = (rs, i) -> {
        String action = rs.getString("action");
        String summary = rs.getString("summary");
        Optional<AuditAction> known = AuditAction.parse(action);
        if (known.isEmpty()) {
            // Recorded by a newer version: listed under UNKNOWN with its name kept, not failing the page it is on.
            String named = AuditSummary.of("action", action).toString();
            summary = summary == null || summary.isEmpty() ? named : named + ", " + summary;
        }
        return new AuditEntry(Sql.uuid(rs, "id"), Sql.instant(rs, "occurred_at"),
                new TenantId(rs.getString("tenant_id")), Sql.uuid(rs, "key_id"),
                known.orElse(AuditAction.UNKNOWN), rs.getString("target"), summary);
    };

    private final JdbcClient client;

    public JdbcAuditTrail(JdbcTemplate jdbc) {
        this.client = JdbcClient.create(jdbc);
    }

    @Override
    public void record(AuditEntry entry) {
        if (entry.action() == AuditAction.UNKNOWN) {
            throw new IllegalArgumentException("UNKNOWN names an entry read from a newer version; it is never recorded");
        }
        client.sql("""
                        INSERT INTO audit_event (id, tenant_id, occurred_at, key_id, action, target, summary)
                        VALUES (?, ?, ?, ?, ?, ?, ?)""")
                .params(entry.id(), entry.tenant().value(), Sql.ts(entry.at()), entry.keyId(), entry.action().dotted(),
                        StorableText.of(entry.target(), 300), StorableText.of(entry.summary(), 1000))
                .update();
    }

    @Override
    public AuditPage list(AuditQuery query, int limit, UUID after) {
        List<Object> params = new ArrayList<>();
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        query.tenant().ifPresent(tenant -> {
            where.append(" AND tenant_id = ?");
            params.add(tenant.value());
        });
        if (query.from() != null) {
            where.append(" AND occurred_at >= ?");
            params.add(Sql.ts(query.from()));
        }
        if (query.to() != null) {
            where.append(" AND occurred_at < ?");
            params.add(Sql.ts(query.to()));
        }
        if (query.action() != null) {
            where.append(" AND action = ?");
            params.add(query.action().dotted());
        }
        if (after != null) {
            // The cursor is the last entry's id; its time is looked up where the caller may see it, so another
            // tenant's id cannot serve as a cursor. One that is gone (pruned) pages from nothing.
            Optional<Instant> at = cursorTime(query, after);
            if (at.isEmpty()) {
                return new AuditPage(List.of(), null);
            }
            where.append(" AND (occurred_at < ? OR (occurred_at = ? AND id < ?))");
            params.add(Sql.ts(at.get()));
            params.add(Sql.ts(at.get()));
            params.add(after);
        }
        params.add(limit + 1);
        List<AuditEntry> found = client.sql("SELECT * FROM audit_event" + where
                        + " ORDER BY occurred_at DESC, id DESC LIMIT ?")
                .params(params).query(ENTRY).list();
        if (found.size() <= limit) {
            return new AuditPage(found, null);
        }
        List<AuditEntry> page = found.subList(0, limit);
        return new AuditPage(List.copyOf(page), page.getLast().id());
    }

    private Optional<Instant> cursorTime(AuditQuery query, UUID after) {
        List<Object> params = new ArrayList<>();
        params.add(after);
        String tenant = query.tenant().map(t -> {
            params.add(t.value());
            return " AND tenant_id = ?";
        }).orElse("");
        return client.sql("SELECT occurred_at FROM audit_event WHERE id = ?" + tenant).params(params)
                .query((rs, i) -> Sql.instant(rs, "occurred_at")).optional();
    }

    @Override
    public int prune(Instant before, int max) {
        return client.sql("DELETE FROM audit_event WHERE id IN ("
                        + "SELECT id FROM audit_event WHERE occurred_at < ? ORDER BY occurred_at LIMIT ?)")
                .params(Sql.ts(before), max).update();
    }
}
