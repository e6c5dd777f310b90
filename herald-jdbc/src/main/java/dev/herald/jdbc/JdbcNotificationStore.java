package dev.herald.jdbc;

import dev.herald.core.clock.IdGenerator;
import dev.herald.core.model.Channel;
import dev.herald.core.model.Priority;
import dev.herald.core.model.TenantId;
import dev.herald.core.notification.Cancellation;
import dev.herald.core.notification.Delivery;
import dev.herald.core.notification.DeliveryEvent;
import dev.herald.core.notification.DeliveryRef;
import dev.herald.core.notification.DuplicateIdempotencyKeyException;
import dev.herald.core.notification.IdempotentRequest;
import dev.herald.core.notification.NewNotification;
import dev.herald.core.notification.Notification;
import dev.herald.core.notification.NotificationStore;
import dev.herald.core.model.DeliveryStatus;
import dev.herald.core.model.StatusMove;
import dev.herald.core.notification.DeliveryView;
import dev.herald.core.notification.NotificationPage;
import dev.herald.core.notification.NotificationSearch;
import dev.herald.core.notification.NotificationView;
import dev.herald.core.notification.StatusChange;
import dev.herald.core.model.StatusTransitions;
import dev.herald.core.workflow.StepEntry;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.Locale;

/** Notifications, deliveries and status history in three batched inserts per transaction. */
public final class JdbcNotificationStore implements NotificationStore {
    private static final String INSERT_NOTIFICATION = """
            INSERT INTO notification (id, tenant_id, type, priority, idempotency_key, created_at, request_hash,
                                      traceparent, critical)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""";
    private static final String INSERT_DELIVERY = """
            INSERT INTO delivery (id, tenant_id, notification_id, type, channel, lane, user_id, address, status,
                                  attempts, due_at, subject, body_text, body_html, data_json, last_error, created_at,
                                  updated_at, expires_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";
    private static final String DELIVERY_COLUMNS = """
            id, notification_id, channel, user_id, address, status, attempts, provider, provider_message_id,
            last_error, created_at, updated_at""";

    private final JdbcTemplate jdbc;
    private final JdbcClient client;
    private final TransactionTemplate tx;
    /** NORMAL and LOW saves, grouped into large transactions. */
    private final GroupCommit<Save> saves;
    /**
     * Saves holding a CRITICAL or HIGH notification, grouped only with each other, so an alert's 202 never waits
     * for a group of bulk batches (up to 64 requests of up to 1,000 notifications each) formed around it. Where the
     * database commits in parallel they have writers of their own; on H2, whose one writer keeps stats rows from
     * being created by two transactions at once, they go ahead of the bulk saves waiting for it.
     */
    private final GroupCommit<Save> urgentSaves;
    private final SqlDialect dialect;
    private final IdGenerator ids;

    /**
     * One caller's save: written together with other callers' saves, but all or nothing on its own. {@code alongside}
     * is written first in the same transaction (a broadcast's cursor); it throws to have nothing written.
     */
    private record Save(TenantId tenant, List<NewNotification> notifications, Runnable alongside) {
        boolean urgent() {
            return notifications.stream().anyMatch(n -> n.notification().priority().urgent());
        }
    }

    /** @param ids ids of the recent-failure rows written with deliveries that fail at intake or by a receipt */
    public JdbcNotificationStore(JdbcTemplate jdbc, TransactionTemplate tx, SqlDialect dialect, IdGenerator ids) {
        this.jdbc = jdbc;
        this.ids = ids;
        this.dialect = dialect;
        this.client = JdbcClient.create(jdbc);
        this.tx = tx;
        this.saves = new GroupCommit<>(this::insert, 64, dialect.groupCommitWriters());
        this.urgentSaves = dialect.groupCommitWriters() > 1
                ? new GroupCommit<>(this::insert, 64, dialect.groupCommitWriters()) : saves;
    }

    @Override
    public void save(TenantId tenant, List<NewNotification> notifications) {
        saveWith(tenant, notifications, null);
    }

    /**
     * As {@link #save}, and {@code alongside} in the same transaction, before the notifications: both are committed
     * or neither. It throws to have nothing of this save written (other callers' saves grouped with it still are).
     */
    void saveWith(TenantId tenant, List<NewNotification> notifications, Runnable alongside) {
        try {
            Save save = new Save(tenant, notifications, alongside);
            (save.urgent() ? urgentSaves : saves).write(save, save.urgent());
        } catch (DuplicateKeyException e) {
            // Only the idempotency constraint means "someone else took this key"; any other duplicate is a bug
            // (or a lost reply from a commit that did happen) and must not be answered as a replay.
            String message = String.valueOf(e.getMostSpecificCause().getMessage()).toLowerCase(Locale.ROOT);
            if (message.contains("notification_idempotency_unique")) {
                throw new DuplicateIdempotencyKeyException("idempotency key already used", e);
            }
            throw e;
        }
    }

    private void insert(List<Save> group) {
        List<Object[]> notificationRows = new ArrayList<>();
        List<Object[]> deliveryRows = new ArrayList<>();
        List<Object[]> statusRows = new ArrayList<>();
        List<Object[]> digestRows = new ArrayList<>();
        List<Object[]> stepRows = new ArrayList<>();
        List<Object[]> holdRows = new ArrayList<>();
        StatsTally stats = new StatsTally();
        RecentFailureRows failures = new RecentFailureRows(ids);
        for (Save save : group) {
            TenantId tenant = save.tenant();
            for (NewNotification planned : save.notifications()) {
                addRows(tenant, planned, notificationRows, deliveryRows, statusRows, digestRows);
                WorkflowRows.add(tenant, planned.notification().id(), planned.run(), stepRows, holdRows);
                for (Delivery d : planned.deliveries()) {
                    stats.accepted(tenant, d.createdAt(), d.channel(), planned.notification().type(), d.status(),
                            d.error());
                    failures.reached(tenant, d.id(), planned.notification().id(), d.userId(), d.channel(),
                            planned.notification().type(), null, d.status(), d.error(), 0, d.createdAt());
                }
            }
        }
        tx.executeWithoutResult(status -> {
            for (Save save : group) {
                if (save.alongside() != null) {
                    save.alongside().run();
                }
            }
            jdbc.batchUpdate(INSERT_NOTIFICATION, notificationRows);
            jdbc.batchUpdate(INSERT_DELIVERY, deliveryRows);
            StatusHistory.writeKnowing(jdbc, statusRows);
            if (!digestRows.isEmpty()) {
                jdbc.batchUpdate(JdbcDigestStore.INSERT_ITEM, digestRows);
            }
            WorkflowRows.write(jdbc, stepRows, holdRows);
            stats.writeTo(jdbc, dialect);
            failures.writeTo(jdbc);
        });
    }

    private static void addRows(TenantId tenant, NewNotification planned, List<Object[]> notificationRows,
                                List<Object[]> deliveryRows, List<Object[]> statusRows,
                                List<Object[]> digestRows) {
        Notification n = planned.notification();
        notificationRows.add(new Object[]{n.id(), tenant.value(), n.type(), n.priority().name(),
                Sql.text(n.idempotencyKey()), Sql.ts(n.createdAt()), Sql.text(n.requestHash()),
                Sql.text(n.trace() == null ? null : n.trace().header()), n.critical()});
        for (Delivery d : planned.deliveries()) {
            deliveryRows.add(new Object[]{d.id(), tenant.value(), n.id(), n.type(), d.channel().name(),
                    d.lane().name(), Sql.text(d.userId()), Sql.text(d.address()), d.status().name(),
                    Sql.ts(d.dueAt()), Sql.text(d.message().subject()), Sql.text(d.message().text()),
                    Sql.text(d.message().html()), Sql.text(DataJson.write(d.message().data())),
                    Sql.text(d.error()),
                    Sql.ts(d.createdAt()), Sql.ts(d.createdAt()), Sql.ts(d.expiresAt())});
            // With the delivery row's type, channel and provider (none yet), so the outbox row is written from
            // them: read back from the delivery row it was a fifth of PostgreSQL's time in the bench.
            statusRows.add(new Object[]{tenant.value(), n.id(), d.id(), d.status().name(), 0,
                    Sql.ts(d.createdAt()), Sql.text(d.error()), n.type(), d.channel().name(), null});
            if (d.digestKey() != null) {
                digestRows.add(new Object[]{d.id(), tenant.value(), d.digestKey(), Sql.ts(d.digestDue())});
            }
        }
    }

    @Override
    public Optional<DeliveryRef> findDelivery(UUID deliveryId) {
        return client.sql("""
                        SELECT id, tenant_id, notification_id, channel, user_id, status, provider, provider_message_id
                        FROM delivery WHERE id = ?""")
                .param(deliveryId)
                .query((rs, i) -> new DeliveryRef(Sql.uuid(rs, "id"), new TenantId(rs.getString("tenant_id")),
                        Sql.uuid(rs, "notification_id"), Channel.valueOf(rs.getString("channel")),
                        rs.getString("user_id"), DeliveryStatus.valueOf(rs.getString("status")),
                        rs.getString("provider"), rs.getString("provider_message_id")))
                .optional();
    }

    @Override
    public Optional<DeliveryRef> findDeliveryByProviderMessageId(TenantId tenant, String providerMessageId) {
        if (providerMessageId == null || providerMessageId.isEmpty() || providerMessageId.length() > 255) {
            return Optional.empty(); // longer than the column: no delivery can carry it
        }
        return client.sql("""
                        SELECT id, tenant_id, notification_id, channel, user_id, status, provider, provider_message_id
                        FROM delivery WHERE tenant_id = ? AND provider_message_id = ?
                        ORDER BY created_at DESC, id DESC LIMIT 1""")
                .params(tenant.value(), providerMessageId)
                .query((rs, i) -> new DeliveryRef(Sql.uuid(rs, "id"), new TenantId(rs.getString("tenant_id")),
                        Sql.uuid(rs, "notification_id"), Channel.valueOf(rs.getString("channel")),
                        rs.getString("user_id"), DeliveryStatus.valueOf(rs.getString("status")),
                        rs.getString("provider"), rs.getString("provider_message_id")))
                .optional(); // not stream(): an unclosed stream keeps its connection from the pool
    }

    /** @return true when the status changed, or the receipt is kept until the send's outcome is written */
    @Override
    public boolean recordReceipt(TenantId tenant, UUID deliveryId, DeliveryStatus to, Instant at, String detail) {
        // Receipts only move deliveries a provider already took (SENT onwards), never ones still in the queue.
        List<String> from = Arrays.stream(DeliveryStatus.values())
                .filter(s -> s.isFinal() && StatusTransitions.isReceipt(s, to)).map(Enum::name).toList();
        if (from.isEmpty()) {
            throw new IllegalArgumentException("no receipt can move a sent delivery to " + to);
        }
        return afterSend(tenant, deliveryId, to, from, at, detail);
    }

    @Override
    public boolean recordBounce(TenantId tenant, UUID deliveryId, Instant at, String detail) {
        return afterSend(tenant, deliveryId, StatusMove.BOUNCE.to(),
                StatusMove.BOUNCE.from().stream().map(Enum::name).sorted().toList(), at, detail);
    }

    @Override
    public boolean recordEvent(TenantId tenant, UUID deliveryId, DeliveryEvent event, Instant at, String detail) {
        String reason = StorableText.of(detail, 1000);
        return Boolean.TRUE.equals(tx.execute(status -> {
            // The delivery's lock orders two copies of one event: the second sees the first's row.
            Optional<Object[]> delivery = client.sql("SELECT notification_id, status FROM delivery"
                            + " WHERE tenant_id = ? AND id = ? FOR UPDATE")
                    .params(tenant.value(), deliveryId)
                    .query((rs, i) -> new Object[]{Sql.uuid(rs, "notification_id"), rs.getString("status")})
                    .optional();
            if (delivery.isEmpty()) {
                return false;
            }
            UUID notificationId = (UUID) delivery.get()[0];
            boolean seen = client.sql("SELECT COUNT(*) FROM delivery_status WHERE notification_id = ?"
                            + " AND tenant_id = ? AND delivery_id = ? AND event = ?")
                    .params(notificationId, tenant.value(), deliveryId, event.name()).query(Long.class).single() > 0;
            if (seen) {
                return false;
            }
            StatusHistory.writeEvent(jdbc, new Object[]{tenant.value(), notificationId, deliveryId,
                    delivery.get()[1], 0, Sql.ts(at), Sql.text(reason)}, event.name());
            return true;
        }));
    }

    /** Moves a delivery a provider took from one of {@code from} to {@code to}, or keeps the move for its outcome. */
    private boolean afterSend(TenantId tenant, UUID deliveryId, DeliveryStatus to, List<String> from, Instant at,
                              String detail) {
        // A receipt's reason comes from the provider: made storable, and shown as the delivery's last error when it
        // says the message failed.
        String reason = StorableText.of(detail, 1000);
        return Boolean.TRUE.equals(tx.execute(status -> {
            List<Object> params = new ArrayList<>(List.of(to.name(), Sql.ts(at), to.name(), Sql.text(reason),
                    tenant.value(), deliveryId));
            params.addAll(from);
            int changed = client.sql("UPDATE delivery SET status = ?, updated_at = ?,"
                            + " last_error = CASE WHEN ? = 'FAILED' THEN ? ELSE last_error END"
                            + " WHERE tenant_id = ? AND id = ? AND status IN (" + Sql.marks(from) + ")")
                    .params(params).update();
            if (changed == 0) {
                // The provider may have taken the message while its outcome is still on the way to the database
                // (a user reads an in-app message the instant it appears): keep the receipt for that outcome.
                return client.sql("""
                                UPDATE delivery SET pending_receipt = ?, pending_receipt_at = ?,
                                                    pending_receipt_detail = ?
                                WHERE tenant_id = ? AND id = ? AND status = 'SENDING'""")
                        .params(to.name(), Sql.ts(at), Sql.text(reason), tenant.value(), deliveryId).update() > 0;
            }
            Counted counted = client.sql("SELECT notification_id, channel, type, created_at FROM delivery"
                            + " WHERE tenant_id = ? AND id = ?")
                    .params(tenant.value(), deliveryId).query(JdbcNotificationStore::counted).single();
            StatusHistory.writeOne(jdbc, tenant.value(), counted.notificationId(), deliveryId, to.name(),
                    0, Sql.ts(at), Sql.text(reason));
            if (to == DeliveryStatus.READ) {
                WorkflowRows.readAt(client, tenant, counted.notificationId(), at);
            }
            StatsTally stats = new StatsTally();
            stats.reached(tenant, counted.createdAt(), counted.channel(), counted.type(), to, reason, at);
            stats.writeTo(jdbc, dialect);
            RecentFailureRows failures = new RecentFailureRows(ids);
            failures.reached(tenant, deliveryId, to, reason, at);
            failures.writeTo(jdbc);
            return true;
        }));
    }

    /** What the read model needs of a delivery whose status changes: the row it is counted in. */
    private record Counted(UUID notificationId, Channel channel, String type, Instant createdAt) {
    }

    private static Counted counted(ResultSet rs, int row) throws SQLException {
        return new Counted(Sql.uuid(rs, "notification_id"), Channel.valueOf(rs.getString("channel")),
                rs.getString("type"), Sql.instant(rs, "created_at"));
    }

    @Override
    public Optional<Cancellation> cancel(TenantId tenant, UUID notificationId, Instant at) {
        return tx.execute(status -> {
            boolean exists = client.sql("SELECT COUNT(*) FROM notification WHERE tenant_id = ? AND id = ?")
                    .params(tenant.value(), notificationId).query(Long.class).single() > 0;
            if (!exists) {
                return Optional.<Cancellation>empty();
            }
            // The run's steps before its deliveries, in the order a worker running a step locks them: one waits for
            // the other instead of both for each other.
            WorkflowRows.cancel(client, tenant, notificationId, at);
            // Lock the rows first: a dispatcher claiming at this moment skips them (SKIP LOCKED), and one that got
            // there first has already moved them to SENDING, which this leaves alone.
            List<Object[]> rows = client.sql("SELECT id, status, notification_id, channel, type, created_at"
                            + " FROM delivery WHERE tenant_id = ? AND notification_id = ? ORDER BY id FOR UPDATE")
                    .params(tenant.value(), notificationId)
                    .query((rs, i) -> new Object[]{Sql.uuid(rs, "id"), DeliveryStatus.valueOf(rs.getString("status")),
                            counted(rs, i)})
                    .list();
            StatsTally stats = new StatsTally();
            List<UUID> cancelled = new ArrayList<>();
            List<Cancellation.Untouched> untouched = new ArrayList<>();
            List<Object[]> history = new ArrayList<>();
            for (Object[] row : rows) {
                UUID id = (UUID) row[0];
                DeliveryStatus current = (DeliveryStatus) row[1];
                // Not yet taken by a dispatcher; a dead letter is the operator's to discard, not the caller's.
                if (StatusMove.CANCEL.appliesTo(current)) {
                    client.sql("UPDATE delivery SET status = " + StatusSql.to(StatusMove.CANCEL)
                                    + ", due_at = NULL, updated_at = ? WHERE id = ? AND " + StatusSql.from(StatusMove.CANCEL))
                            .params(Sql.ts(at), id).update();
                    cancelled.add(id);
                    Counted c = (Counted) row[2];
                    stats.reached(tenant, c.createdAt(), c.channel(), c.type(), StatusMove.CANCEL.to(), null, at);
                    history.add(new Object[]{tenant.value(), notificationId, id, StatusMove.CANCEL.to().name(), 0,
                            Sql.ts(at), "cancelled by the caller"});
                } else {
                    untouched.add(new Cancellation.Untouched(id, current));
                }
            }
            if (!history.isEmpty()) {
                StatusHistory.write(jdbc, history);
            }
            stats.writeTo(jdbc, dialect);
            return Optional.of(new Cancellation(notificationId, List.copyOf(cancelled), List.copyOf(untouched)));
        });
    }

    @Override
    public Optional<NotificationView> find(TenantId tenant, UUID notificationId) {
        List<NotificationView> found = load(tenant, client.sql("""
                        SELECT id, type, priority, idempotency_key, created_at, traceparent FROM notification
                        WHERE tenant_id = ? AND id = ?""")
                .params(tenant.value(), notificationId)
                .query(this::header).list());
        return found.stream().findFirst();
    }

    @Override
    public Optional<IdempotentRequest> findByIdempotencyKey(TenantId tenant, String idempotencyKey) {
        return client.sql("SELECT id, request_hash, created_at FROM notification"
                        + " WHERE tenant_id = ? AND idempotency_key = ?")
                .params(tenant.value(), idempotencyKey)
                .query((rs, i) -> new IdempotentRequest(Sql.uuid(rs, "id"), rs.getString("request_hash"),
                        Sql.instant(rs, "created_at")))
                .optional();
    }

    @Override
    public boolean releaseIdempotencyKey(TenantId tenant, String idempotencyKey, UUID notificationId) {
        return client.sql("UPDATE notification SET idempotency_key = NULL WHERE tenant_id = ? AND id = ?"
                        + " AND idempotency_key = ?")
                .params(tenant.value(), notificationId, idempotencyKey).update() > 0;
    }

    @Override
    public NotificationPage search(TenantId tenant, NotificationSearch search, int limit, UUID after) {
        StringBuilder sql = new StringBuilder("SELECT n.id, n.type, n.priority, n.idempotency_key, n.created_at,"
                + " n.traceparent FROM notification n WHERE n.tenant_id = ?");
        List<Object> params = new ArrayList<>(List.of(tenant.value()));
        if (search.type() != null) {
            sql.append(" AND n.type = ?");
            params.add(search.type());
        }
        if (search.from() != null) {
            sql.append(" AND n.created_at >= ?");
            params.add(Sql.ts(search.from()));
        }
        if (search.to() != null) {
            sql.append(" AND n.created_at < ?");
            params.add(Sql.ts(search.to()));
        }
        if (search.narrowsDeliveries()) {
            // One delivery must match every delivery filter: "a SENT email", not "an email and something sent".
            sql.append(" AND EXISTS (SELECT 1 FROM delivery d WHERE d.notification_id = n.id AND d.tenant_id = ?");
            params.add(tenant.value());
            if (search.userId() != null) {
                sql.append(" AND d.user_id = ?");
                params.add(search.userId());
            }
            if (search.status() != null) {
                sql.append(" AND d.status = ?");
                params.add(search.status().name());
            }
            if (search.channel() != null) {
                sql.append(" AND d.channel = ?");
                params.add(search.channel().name());
            }
            sql.append(')');
        }
        if (after != null) {
            Optional<Instant> at = client.sql("SELECT created_at FROM notification WHERE tenant_id = ? AND id = ?")
                    .params(tenant.value(), after).query((rs, i) -> Sql.instant(rs, "created_at")).optional();
            if (at.isEmpty()) {
                return new NotificationPage(List.of(), null);
            }
            // Keyset on (created_at, id), written so that its first condition alone bounds the index range.
            sql.append(" AND n.created_at <= ? AND (n.created_at < ? OR n.id < ?)");
            params.addAll(List.of(Sql.ts(at.get()), Sql.ts(at.get()), after));
        }
        sql.append(" ORDER BY n.created_at DESC, n.id DESC LIMIT ?");
        params.add(limit + 1);
        List<NotificationView> headers = client.sql(sql.toString()).params(params).query(this::header).list();
        boolean more = headers.size() > limit;
        List<NotificationView> page = load(tenant, more ? headers.subList(0, limit) : headers);
        return new NotificationPage(page, more ? page.getLast().id() : null);
    }

    private NotificationView header(ResultSet rs, int row) throws SQLException {
        return new NotificationView(Sql.uuid(rs, "id"), rs.getString("type"),
                Priority.valueOf(rs.getString("priority")), rs.getString("idempotency_key"),
                Sql.instant(rs, "created_at"), List.of(), Sql.trace(rs, "traceparent"));
    }

    /** Fills in deliveries and their history for the given notification headers: two queries for any number. */
    private List<NotificationView> load(TenantId tenant, List<NotificationView> headers) {
        if (headers.isEmpty()) {
            return List.of();
        }
        List<Object> params = new ArrayList<>();
        params.add(tenant.value());
        headers.forEach(h -> params.add(h.id()));
        String in = Sql.marks(headers);
        Map<UUID, List<StatusChange>> history = new LinkedHashMap<>();
        client.sql("SELECT delivery_id, status, attempt, changed_at, detail, event FROM delivery_status "
                        + "WHERE tenant_id = ? AND notification_id IN (" + in + ") ORDER BY changed_at, id")
                .params(params)
                .query(rs -> {
                    history.computeIfAbsent(Sql.uuid(rs, "delivery_id"), id -> new ArrayList<>())
                            .add(new StatusChange(DeliveryStatus.valueOf(rs.getString("status")),
                                    Sql.instant(rs, "changed_at"), rs.getInt("attempt"), rs.getString("detail"),
                                    rs.getString("event") == null ? null
                                            : DeliveryEvent.valueOf(rs.getString("event"))));
                });
        Map<UUID, List<DeliveryView>> deliveries = new LinkedHashMap<>();
        client.sql("SELECT " + DELIVERY_COLUMNS + " FROM delivery WHERE tenant_id = ? AND notification_id IN ("
                        + in + ") ORDER BY id")
                .params(params)
                .query(rs -> {
                    UUID id = Sql.uuid(rs, "id");
                    deliveries.computeIfAbsent(Sql.uuid(rs, "notification_id"), n -> new ArrayList<>())
                            .add(new DeliveryView(id, Channel.valueOf(rs.getString("channel")),
                                    rs.getString("user_id"), rs.getString("address"),
                                    DeliveryStatus.valueOf(rs.getString("status")), rs.getInt("attempts"),
                                    rs.getString("provider"), rs.getString("provider_message_id"),
                                    rs.getString("last_error"), Sql.instant(rs, "created_at"),
                                    Sql.instant(rs, "updated_at"), List.copyOf(history.getOrDefault(id, List.of()))));
                });
        Map<UUID, List<StepEntry>> steps = WorkflowRows.entries(client, tenant,
                headers.stream().map(NotificationView::id).toList());
        return headers.stream().map(h -> new NotificationView(h.id(), h.type(), h.priority(), h.idempotencyKey(),
                h.createdAt(), List.copyOf(deliveries.getOrDefault(h.id(), List.of())), h.trace(),
                steps.getOrDefault(h.id(), List.of()))).toList();
    }
}
