package dev.herald.jdbc;

import dev.herald.core.deadletter.DeadLetter;
import dev.herald.core.deadletter.DeadLetterFilter;
import dev.herald.core.deadletter.DeadLetterPage;
import dev.herald.core.deadletter.DeadLetters;
import dev.herald.core.model.Channel;
import dev.herald.core.model.Priority;
import dev.herald.core.model.TenantId;
import dev.herald.core.model.DeliveryStatus;
import dev.herald.core.model.StatusMove;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** The dead-letter queue in the {@code dead_letter} table, joined to each delivery for its last error. */
public final class JdbcDeadLetters implements DeadLetters {
    static final String INSERT = """
            INSERT INTO dead_letter (delivery_id, tenant_id, notification_id, type, channel, lane, died_at)
            VALUES (?, ?, ?, ?, ?, ?, ?)""";
    private static final RowMapper<DeadLetter> LETTER = (rs, i) -> new DeadLetter(Sql.uuid(rs, "delivery_id"),
            Sql.uuid(rs, "notification_id"), rs.getString("type"), Channel.valueOf(rs.getString("channel")),
            Priority.valueOf(rs.getString("lane")), rs.getString("user_id"), rs.getString("address"),
            rs.getInt("attempts"), rs.getString("provider"), rs.getString("last_error"), Sql.instant(rs, "died_at"));

    private final JdbcTemplate jdbc;
    private final JdbcClient client;
    private final TransactionTemplate tx;
    private final SqlDialect dialect;

    public JdbcDeadLetters(JdbcTemplate jdbc, TransactionTemplate tx, SqlDialect dialect) {
        this.dialect = dialect;
        this.jdbc = jdbc;
        this.client = JdbcClient.create(jdbc);
        this.tx = tx;
    }

    @Override
    public DeadLetterPage list(TenantId tenant, DeadLetterFilter filter, int limit, UUID before) {
        List<Object> params = new ArrayList<>();
        String where = where(tenant, filter, params);
        if (before != null) {
            where += " AND dl.delivery_id < ?";
            params.add(before);
        }
        params.add(limit + 1);
        List<DeadLetter> rows = client.sql("""
                        SELECT dl.delivery_id, dl.notification_id, dl.type, dl.channel, dl.lane, dl.died_at,
                               d.user_id, d.address, d.attempts, d.provider, d.last_error
                        FROM dead_letter dl JOIN delivery d ON d.id = dl.delivery_id
                        """ + where + " ORDER BY dl.delivery_id DESC LIMIT ?")
                .params(params).query(LETTER).list();
        boolean more = rows.size() > limit;
        List<DeadLetter> page = more ? rows.subList(0, limit) : rows;
        return new DeadLetterPage(List.copyOf(page), more ? page.getLast().deliveryId() : null);
    }

    private static String where(TenantId tenant, DeadLetterFilter filter, List<Object> params) {
        StringBuilder where = new StringBuilder("WHERE dl.tenant_id = ?");
        params.add(tenant.value());
        if (filter.channel() != null) {
            where.append(" AND dl.channel = ?");
            params.add(filter.channel().name());
        }
        if (filter.type() != null) {
            where.append(" AND dl.type = ?");
            params.add(filter.type());
        }
        if (filter.since() != null) {
            where.append(" AND dl.died_at >= ?");
            params.add(Sql.ts(filter.since()));
        }
        return where.toString();
    }

    @Override
    public Optional<Priority> retry(TenantId tenant, UUID deliveryId, Instant now) {
        return Optional.ofNullable(tx.execute(status -> replay(tenant, deliveryId, now)));
    }

    /** Back to QUEUED, due now, with a fresh set of attempts; null when it is not (or no longer) dead. */
    private Priority replay(TenantId tenant, UUID deliveryId, Instant now) {
        Optional<Object[]> letter = client.sql("""
                        SELECT notification_id, lane FROM dead_letter WHERE tenant_id = ? AND delivery_id = ?""")
                .params(tenant.value(), deliveryId)
                .query((rs, i) -> new Object[]{Sql.uuid(rs, "notification_id"), rs.getString("lane")}).optional();
        if (letter.isEmpty()) {
            return null;
        }
        // The dead letter first, then the delivery: the same order as a discard, so the two cannot deadlock.
        if (client.sql("DELETE FROM dead_letter WHERE tenant_id = ? AND delivery_id = ?")
                .params(tenant.value(), deliveryId).update() == 0) {
            return null;
        }
        int moved = client.sql("""
                        UPDATE delivery SET status = %s, attempts = 0, due_at = ?, updated_at = ?
                        WHERE tenant_id = ? AND id = ? AND %s""".formatted(StatusSql.to(StatusMove.REPLAY),
                        StatusSql.from(StatusMove.REPLAY)))
                .params(Sql.ts(now), Sql.ts(now), tenant.value(), deliveryId).update();
        if (moved == 0) {
            return null;
        }
        StatusHistory.writeOne(jdbc, tenant.value(), letter.get()[0], deliveryId,
                StatusMove.REPLAY.to().name(), 0, Sql.ts(now), "replayed from the dead-letter queue");
        return Priority.valueOf((String) letter.get()[1]);
    }

    @Override
    public Replayed retryAll(TenantId tenant, DeadLetterFilter filter, int max, Instant now) {
        List<Object> params = new ArrayList<>();
        String where = where(tenant, filter, params);
        params.add(max);
        List<UUID> ids = client.sql("SELECT dl.delivery_id FROM dead_letter dl " + where
                        + " ORDER BY dl.delivery_id LIMIT ?")
                .params(params).query((rs, i) -> Sql.uuid(rs, "delivery_id")).list();
        Set<Priority> lanes = EnumSet.noneOf(Priority.class);
        int count = 0;
        // One short transaction per letter: a large replay never holds locks on thousands of rows at once.
        for (UUID id : ids) {
            Priority lane = tx.execute(status -> replay(tenant, id, now));
            if (lane != null) {
                lanes.add(lane);
                count++;
            }
        }
        return new Replayed(count, lanes);
    }

    @Override
    public boolean discard(TenantId tenant, UUID deliveryId, Instant now) {
        return Boolean.TRUE.equals(tx.execute(status -> {
            Optional<UUID> notification = client.sql("""
                            SELECT notification_id FROM dead_letter WHERE tenant_id = ? AND delivery_id = ?""")
                    .params(tenant.value(), deliveryId).query((rs, i) -> Sql.uuid(rs, "notification_id")).optional();
            if (notification.isEmpty()) {
                return false;
            }
            client.sql("DELETE FROM dead_letter WHERE tenant_id = ? AND delivery_id = ?")
                    .params(tenant.value(), deliveryId).update();
            int moved = client.sql("""
                            UPDATE delivery SET status = %s, updated_at = ?
                            WHERE tenant_id = ? AND id = ? AND %s""".formatted(StatusSql.to(StatusMove.DISCARD),
                            StatusSql.from(StatusMove.DISCARD)))
                    .params(Sql.ts(now), tenant.value(), deliveryId).update();
            if (moved > 0) {
                StatusHistory.writeOne(jdbc, tenant.value(), notification.get(), deliveryId,
                        StatusMove.DISCARD.to().name(), 0, Sql.ts(now), "discarded from the dead-letter queue");
                StatsTally stats = new StatsTally();
                client.sql("SELECT channel, type, created_at FROM delivery WHERE id = ?").param(deliveryId)
                        .query(rs -> {
                            stats.reached(tenant, Sql.instant(rs, "created_at"),
                                    Channel.valueOf(rs.getString("channel")), rs.getString("type"),
                                    StatusMove.DISCARD.to(), null, now);
                        });
                stats.writeTo(jdbc, dialect);
            }
            return moved > 0;
        }));
    }
}
