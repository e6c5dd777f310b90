package dev.herald.jdbc;

import dev.herald.core.clock.IdGenerator;
import dev.herald.core.model.Channel;
import dev.herald.core.model.DeliveryStatus;
import dev.herald.core.model.TenantId;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The FAILED and DEAD changes of one transaction, collected as the store makes them and written with one batch
 * just before the commit (like {@link StatsTally}): a crash loses the rows together with the failures they list.
 */
final class RecentFailureRows {
    private static final String INSERT = """
            INSERT INTO recent_failure (id, tenant_id, delivery_id, notification_id, user_id, channel, type, provider,
                                        status, reason, attempts, failed_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";
    // A receipt knows only the delivery's id: the rest is copied from its row in the same statement.
    private static final String COPY_FROM_DELIVERY = """
            INSERT INTO recent_failure (id, tenant_id, delivery_id, notification_id, user_id, channel, type, provider,
                                        status, reason, attempts, failed_at)
            SELECT ?, tenant_id, id, notification_id, user_id, channel, type, provider, ?, ?, attempts, ?
            FROM delivery WHERE tenant_id = ? AND id = ?""";

    private final IdGenerator ids;
    private final List<Object[]> rows = new ArrayList<>();
    private final List<Object[]> copies = new ArrayList<>();

    RecentFailureRows(IdGenerator ids) {
        this.ids = ids;
    }

    private static boolean listed(DeliveryStatus status) {
        return status == DeliveryStatus.FAILED || status == DeliveryStatus.DEAD;
    }

    /** A delivery reached {@code status}; only FAILED and DEAD are listed. */
    void reached(TenantId tenant, UUID deliveryId, UUID notificationId, String userId, Channel channel, String type,
                 String provider, DeliveryStatus status, String reason, int attempts, Instant at) {
        if (!listed(status)) {
            return;
        }
        rows.add(new Object[]{ids.next(), tenant.value(), deliveryId, notificationId, Sql.text(userId),
                channel.name(), type, Sql.text(StorableText.of(provider, 64)), status.name(),
                Sql.text(StorableText.of(reason, 1000)), attempts, Sql.ts(at)});
    }

    /** Like {@link #reached}, for a change that knows only the delivery: the rest is read from its row. */
    void reached(TenantId tenant, UUID deliveryId, DeliveryStatus status, String reason, Instant at) {
        if (!listed(status)) {
            return;
        }
        copies.add(new Object[]{ids.next(), status.name(), Sql.text(StorableText.of(reason, 1000)), Sql.ts(at),
                tenant.value(), deliveryId});
    }

    /** Writes the rows; call inside the transaction whose changes they list. */
    void writeTo(JdbcTemplate jdbc) {
        if (!rows.isEmpty()) {
            jdbc.batchUpdate(INSERT, rows);
        }
        if (!copies.isEmpty()) {
            jdbc.batchUpdate(COPY_FROM_DELIVERY, copies);
        }
    }
}
