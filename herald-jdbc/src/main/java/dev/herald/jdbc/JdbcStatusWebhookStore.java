package dev.herald.jdbc;

import dev.herald.core.model.Channel;
import dev.herald.core.model.DeliveryStatus;
import dev.herald.core.model.TenantId;
import dev.herald.core.statusout.StatusEvent;
import dev.herald.core.statusout.StatusWebhook;
import dev.herald.core.statusout.StatusWebhookCall;
import dev.herald.core.statusout.StatusWebhookStore;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/** Status-webhook endpoints ({@code status_webhook}) and their pending calls ({@code status_webhook_delivery}). */
public final class JdbcStatusWebhookStore implements StatusWebhookStore {
    private static final String ENDPOINT_COLUMNS =
            "id, tenant_id, url, statuses, types, secret, created_at, disabled_at, disabled_reason";
    private static final RowMapper<StatusWebhook> ENDPOINT = (rs, i) -> new StatusWebhook(Sql.uuid(rs, "id"),
            new TenantId(rs.getString("tenant_id")), rs.getString("url"),
            split(rs.getString("statuses")).stream().map(DeliveryStatus::valueOf).collect(Collectors.toSet()),
            split(rs.getString("types")), rs.getString("secret"), Sql.instant(rs, "created_at"),
            Sql.instant(rs, "disabled_at"), rs.getString("disabled_reason"));
    private static final String INSERT_CALL = """
            INSERT INTO status_webhook_delivery (id, endpoint_id, tenant_id, event_id, notification_id, delivery_id,
                                                 type, channel, status, changed_at, provider, reason, attempts,
                                                 next_attempt_at)
            SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ? FROM status_webhook e
            WHERE e.id = ? AND NOT EXISTS (SELECT 1 FROM status_webhook_delivery c
                                           WHERE c.endpoint_id = ? AND c.event_id = ?)""";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;

    public JdbcStatusWebhookStore(JdbcTemplate jdbc, TransactionTemplate tx) {
        this.jdbc = jdbc;
        this.tx = tx;
    }

    private static Set<String> split(String joined) {
        return joined == null || joined.isEmpty() ? Set.of()
                : new LinkedHashSet<>(Arrays.asList(joined.split(",")));
    }

    @Override
    public void create(StatusWebhook e) {
        jdbc.update("INSERT INTO status_webhook (" + ENDPOINT_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                e.id(), e.tenant().value(), Sql.text(e.url()),
                e.statuses().stream().map(Enum::name).sorted().collect(Collectors.joining(",")),
                Sql.text(e.types().stream().sorted().collect(Collectors.joining(","))), e.secret(),
                Sql.ts(e.createdAt()), Sql.ts(e.disabledAt()), Sql.text(e.disabledReason()));
    }

    @Override
    public List<StatusWebhook> list(TenantId tenant) {
        return jdbc.query("SELECT " + ENDPOINT_COLUMNS + " FROM status_webhook WHERE tenant_id = ? ORDER BY id",
                ENDPOINT, tenant.value());
    }

    @Override
    public Optional<StatusWebhook> find(TenantId tenant, UUID id) {
        return jdbc.query("SELECT " + ENDPOINT_COLUMNS + " FROM status_webhook WHERE tenant_id = ? AND id = ?",
                ENDPOINT, tenant.value(), id).stream().findFirst();
    }

    @Override
    public boolean delete(TenantId tenant, UUID id) {
        return Boolean.TRUE.equals(tx.execute(status -> {
            jdbc.update("DELETE FROM status_webhook_delivery WHERE tenant_id = ? AND endpoint_id = ?",
                    tenant.value(), id);
            return jdbc.update("DELETE FROM status_webhook WHERE tenant_id = ? AND id = ?", tenant.value(), id) > 0;
        }));
    }

    @Override
    public void fanOut(List<StatusEvent> events, Instant now) {
        if (events.isEmpty()) {
            return;
        }
        Set<String> tenants = new HashSet<>();
        events.forEach(e -> tenants.add(e.tenant().value()));
        List<String> ids = List.copyOf(tenants);
        // One query for the endpoints of every tenant in the batch: most tenants have none, and then nothing else runs.
        List<StatusWebhook> endpoints = jdbc.query("SELECT " + ENDPOINT_COLUMNS + " FROM status_webhook"
                + " WHERE disabled_at IS NULL AND tenant_id IN (" + Sql.marks(ids) + ")", ENDPOINT, ids.toArray());
        if (endpoints.isEmpty()) {
            return;
        }
        Map<String, List<StatusWebhook>> byTenant = endpoints.stream()
                .collect(Collectors.groupingBy(e -> e.tenant().value()));
        List<Object[]> rows = new ArrayList<>();
        for (StatusEvent event : events) {
            for (StatusWebhook endpoint : byTenant.getOrDefault(event.tenant().value(), List.of())) {
                if (endpoint.matches(event)) {
                    rows.add(new Object[]{UUID.randomUUID(), endpoint.id(), event.tenant().value(), event.eventId(),
                            event.notificationId(), event.deliveryId(), event.type(), event.channel().name(),
                            event.status().name(), Sql.ts(event.at()), Sql.text(event.provider()),
                            Sql.text(event.reason()), Sql.ts(now), endpoint.id(), endpoint.id(), event.eventId()});
                }
            }
        }
        if (!rows.isEmpty()) {
            tx.executeWithoutResult(status -> jdbc.batchUpdate(INSERT_CALL, rows));
        }
    }

    @Override
    public List<StatusWebhookCall> claimDue(Instant now, int max, Instant leaseUntil) {
        return tx.execute(status -> {
            List<UUID> ids = jdbc.query("""
                    SELECT id FROM status_webhook_delivery WHERE next_attempt_at <= ?
                    ORDER BY next_attempt_at LIMIT ? FOR UPDATE SKIP LOCKED""",
                    (rs, i) -> Sql.uuid(rs, "id"), Sql.ts(now), max);
            if (ids.isEmpty()) {
                return List.of();
            }
            List<Object> params = new ArrayList<>();
            params.add(Sql.ts(leaseUntil));
            params.addAll(ids);
            jdbc.update("UPDATE status_webhook_delivery SET next_attempt_at = ? WHERE id IN ("
                    + Sql.marks(ids) + ")", params.toArray());
            return jdbc.query("""
                    SELECT c.id, c.endpoint_id, c.tenant_id, c.event_id, c.notification_id, c.delivery_id, c.type,
                           c.channel, c.status, c.changed_at, c.provider, c.reason, c.attempts, e.url, e.secret
                    FROM status_webhook_delivery c JOIN status_webhook e ON e.id = c.endpoint_id
                    WHERE c.id IN (""" + Sql.marks(ids) + ")", JdbcStatusWebhookStore::call, ids.toArray());
        });
    }

    private static StatusWebhookCall call(ResultSet rs, int row) throws SQLException {
        StatusEvent event = new StatusEvent(0, Sql.uuid(rs, "event_id"), new TenantId(rs.getString("tenant_id")),
                Sql.uuid(rs, "notification_id"), Sql.uuid(rs, "delivery_id"), rs.getString("type"),
                Channel.valueOf(rs.getString("channel")), DeliveryStatus.valueOf(rs.getString("status")),
                Sql.instant(rs, "changed_at"), rs.getString("provider"), rs.getString("reason"));
        return new StatusWebhookCall(Sql.uuid(rs, "id"), Sql.uuid(rs, "endpoint_id"), rs.getString("url"),
                rs.getString("secret"), event, rs.getInt("attempts"));
    }

    @Override
    public void done(UUID callId) {
        jdbc.update("DELETE FROM status_webhook_delivery WHERE id = ?", callId);
    }

    @Override
    public void retryAt(UUID callId, Instant at, String error) {
        jdbc.update("UPDATE status_webhook_delivery SET attempts = attempts + 1, next_attempt_at = ?, last_error = ?"
                + " WHERE id = ?", Sql.ts(at), Sql.text(StorableText.of(error, 200)), callId);
    }

    @Override
    public void defer(UUID callId, Instant at) {
        jdbc.update("UPDATE status_webhook_delivery SET next_attempt_at = ? WHERE id = ?", Sql.ts(at), callId);
    }

    @Override
    public void disable(TenantId tenant, UUID endpointId, String reason, Instant at) {
        tx.executeWithoutResult(status -> {
            jdbc.update("UPDATE status_webhook SET disabled_at = ?, disabled_reason = ? WHERE tenant_id = ? AND id = ?"
                    + " AND disabled_at IS NULL", Sql.ts(at), Sql.text(reason), tenant.value(), endpointId);
            jdbc.update("DELETE FROM status_webhook_delivery WHERE tenant_id = ? AND endpoint_id = ?",
                    tenant.value(), endpointId);
        });
    }

    @Override
    public long pending() {
        Long count = jdbc.queryForObject("SELECT COUNT(*) FROM status_webhook_delivery", Long.class);
        return count == null ? 0 : count;
    }
}
