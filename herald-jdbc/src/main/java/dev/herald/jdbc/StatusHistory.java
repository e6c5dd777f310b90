package dev.herald.jdbc;

import dev.herald.core.model.DeliveryStatus;
import dev.herald.core.statusout.StatusEvent;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * The one way a row enters {@code delivery_status}: every store writes its history rows here, and the
 * published ones ({@link StatusEvent#PUBLISHED}) get their status-outbox row in the same transaction, in one more
 * batched statement. The outbox row copies type, channel and provider from the delivery row as the change left
 * it, so callers pass only what the history row holds; a caller that wrote those columns itself (the outcome
 * write) passes them along instead, which spares the outbox insert reading the delivery row again.
 */
final class StatusHistory {
    private static final String INSERT_STATUS = """
            INSERT INTO delivery_status (tenant_id, notification_id, delivery_id, status, attempt, changed_at, detail)
            VALUES (?, ?, ?, ?, ?, ?, ?)""";
    private static final String INSERT_EVENT = """
            INSERT INTO delivery_status (tenant_id, notification_id, delivery_id, status, attempt, changed_at, detail,
                                         event)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)""";
    private static final String INSERT_OUTBOX = """
            INSERT INTO status_outbox (event_id, tenant_id, notification_id, delivery_id, type, channel, status,
                                       changed_at, provider, reason)
            SELECT ?, tenant_id, notification_id, id, type, channel, ?, ?, provider, ?
            FROM delivery WHERE tenant_id = ? AND id = ?""";
    private static final String INSERT_OUTBOX_VALUES = """
            INSERT INTO status_outbox (event_id, tenant_id, notification_id, delivery_id, type, channel, status,
                                       changed_at, provider, reason)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";

    private StatusHistory() {
    }

    /**
     * Writes history rows {@code {tenant, notificationId, deliveryId, status, attempt, changedAt, detail}} and
     * their outbox rows; call inside the transaction that made the changes, after the delivery rows are written.
     */
    static void write(JdbcTemplate jdbc, List<Object[]> rows) {
        if (rows.isEmpty()) {
            return;
        }
        jdbc.batchUpdate(INSERT_STATUS, rows);
        List<Object[]> outbox = new ArrayList<>(rows.size());
        for (Object[] row : rows) {
            if (StatusEvent.isPublished(DeliveryStatus.valueOf((String) row[3]))) {
                outbox.add(new Object[]{UUID.randomUUID(), row[3], row[5], reason(row[6]), row[0], row[2]});
            }
        }
        if (!outbox.isEmpty()) {
            jdbc.batchUpdate(INSERT_OUTBOX, outbox);
        }
    }

    /**
     * As {@link #write}, for rows {@code {tenant, notificationId, deliveryId, status, attempt, changedAt, detail,
     * type, channel, provider}} whose last three are the delivery row's columns exactly as the caller's change in
     * this transaction left them: the outbox rows are written from them, not read back.
     */
    static void writeKnowing(JdbcTemplate jdbc, List<Object[]> rows) {
        if (rows.isEmpty()) {
            return;
        }
        List<Object[]> history = new ArrayList<>(rows.size());
        List<Object[]> outbox = new ArrayList<>(rows.size());
        for (Object[] row : rows) {
            history.add(Arrays.copyOf(row, 7));
            if (StatusEvent.isPublished(DeliveryStatus.valueOf((String) row[3]))) {
                outbox.add(new Object[]{UUID.randomUUID(), row[0], row[1], row[2], row[7], row[8], row[3], row[5],
                        row[9], reason(row[6])});
            }
        }
        jdbc.batchUpdate(INSERT_STATUS, history);
        if (!outbox.isEmpty()) {
            jdbc.batchUpdate(INSERT_OUTBOX_VALUES, outbox);
        }
    }

    private static Object reason(Object detail) {
        return detail instanceof String reason ? Sql.text(StorableText.of(reason, 1000)) : detail;
    }

    /**
     * Writes one history row {@code {tenant, notificationId, deliveryId, status, attempt, changedAt, detail}} naming
     * an event that changed no status: not a status change, so no outbox row (and no counter reads it).
     */
    static void writeEvent(JdbcTemplate jdbc, Object[] row, String event) {
        Object[] params = Arrays.copyOf(row, 8);
        params[7] = event;
        jdbc.update(INSERT_EVENT, params);
    }

    static void writeOne(JdbcTemplate jdbc, Object... row) {
        write(jdbc, List.<Object[]>of(row));
    }
}
