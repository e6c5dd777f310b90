package dev.herald.jdbc;

import dev.herald.core.clock.IdGenerator;
import dev.herald.core.digest.DigestRules;
import dev.herald.core.model.Channel;
import dev.herald.core.model.DeliveryStatus;
import dev.herald.core.model.Priority;
import dev.herald.core.model.RetryThenSetAside;
import dev.herald.core.model.RetryThenSetAside.Setback;
import dev.herald.core.model.RoundFailure;
import dev.herald.core.model.StatusMove;
import dev.herald.core.model.TenantId;
import dev.herald.core.workflow.StepFailedException;
import dev.herald.core.workflow.StepFacts;
import dev.herald.core.workflow.StepJudge;
import dev.herald.core.workflow.StepState;
import dev.herald.core.workflow.StepVerdict;
import dev.herald.core.workflow.WorkflowStep;
import dev.herald.core.workflow.WorkflowStore;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs workflow steps from {@code workflow_step}: the earliest due timer is taken with {@code FOR UPDATE SKIP LOCKED}
 * (a second worker takes another or none), and everything the step does (its held deliveries released, suppressed or
 * put in a digest, its outcome, the next step's timer) is written in that transaction. This, like the delivery queue,
 * is a deliberately cross-tenant query: workers serve every tenant, and every write is keyed by the step's tenant.
 * A step that fails is named in a {@link StepFailedException}; its failure is written in a transaction of its own
 * ({@link FailedSteps}) once the failing one has rolled back.
 */
public final class JdbcWorkflowStore implements WorkflowStore {
    private final JdbcTemplate jdbc;
    private final JdbcClient client;
    private final TransactionTemplate tx;
    private final SqlDialect dialect;
    private final FailedSteps failures;

    public JdbcWorkflowStore(JdbcTemplate jdbc, TransactionTemplate tx, SqlDialect dialect, IdGenerator failureIds) {
        this.jdbc = jdbc;
        this.client = JdbcClient.create(jdbc);
        this.tx = tx;
        this.dialect = dialect;
        this.failures = new FailedSteps(jdbc, tx, dialect, failureIds);
    }

    private record Due(TenantId tenant, UUID notificationId, int index) {
        StepRef ref() {
            return new StepRef(tenant, notificationId, index);
        }
    }

    private record Held(UUID id, DeliveryStatus status, Priority lane, String userId, Channel channel, String address,
                        Instant createdAt, Instant notBefore) {
    }

    @Override
    public Optional<Fired> runNext(Instant now) {
        AtomicReference<Due> running = new AtomicReference<>();
        try {
            return runNext(now, running);
        } catch (RuntimeException e) {
            Due failed = running.get();
            if (failed == null) {
                throw e;
            }
            throw new StepFailedException(failed.ref(), e);
        }
    }

    private Optional<Fired> runNext(Instant now, AtomicReference<Due> running) {
        return tx.execute(status -> {
            Optional<Due> picked = client.sql("SELECT tenant_id, notification_id, step_index FROM workflow_step"
                            + " WHERE due_at <= ? ORDER BY due_at LIMIT 1 FOR UPDATE SKIP LOCKED")
                    .param(Sql.ts(now))
                    .query((rs, i) -> new Due(new TenantId(rs.getString("tenant_id")),
                            Sql.uuid(rs, "notification_id"), rs.getInt("step_index")))
                    .optional();
            if (picked.isEmpty()) {
                return Optional.<Fired>empty();
            }
            Due due = picked.get();
            // The fence: the row is ours (locked), and still due; a step that ran or was cancelled meanwhile is not run.
            int taken = client.sql("UPDATE workflow_step SET due_at = NULL WHERE tenant_id = ? AND notification_id = ?"
                            + " AND step_index = ? AND state = 'DUE' AND due_at <= ?")
                    .params(due.tenant().value(), due.notificationId(), due.index(), Sql.ts(now)).update();
            if (taken == 0) {
                return Optional.<Fired>empty();
            }
            running.set(due);
            return Optional.of(run(due, now));
        });
    }

    private Fired run(Due due, Instant now) {
        String tenant = due.tenant().value();
        WorkflowStep step = client.sql("SELECT " + WorkflowRows.STEP_COLUMNS + " FROM workflow_step"
                        + " WHERE tenant_id = ? AND notification_id = ? AND step_index = ?")
                .params(tenant, due.notificationId(), due.index())
                .query((rs, i) -> WorkflowRows.step(rs)).single();
        Object[] notification = client.sql("SELECT type, critical FROM notification WHERE tenant_id = ? AND id = ?")
                .params(tenant, due.notificationId())
                .query((rs, i) -> new Object[]{rs.getString("type"), rs.getBoolean("critical")})
                .single();
        String type = (String) notification[0];
        Instant readAt = client.sql("SELECT MIN(changed_at) AS read_at FROM delivery_status WHERE tenant_id = ?"
                        + " AND notification_id = ? AND status = 'READ' AND event IS NULL")
                .params(tenant, due.notificationId())
                .query((rs, i) -> Sql.instant(rs, "read_at")).optional().orElse(null);
        StepVerdict verdict = StepJudge.judge(step, new StepFacts(readAt, (Boolean) notification[1]), now);
        Set<Priority> released = EnumSet.noneOf(Priority.class);
        List<Held> held = held(due);
        String number = "workflow step " + (due.index() + 1);
        List<Object[]> history = new ArrayList<>();
        StatsTally stats = new StatsTally();
        for (Held d : held) {
            if (d.status() != DeliveryStatus.SCHEDULED) {
                continue;
            }
            switch (verdict) {
                case StepVerdict.Skip skip -> {
                    String why = WorkflowRows.cut(number + " " + skip.outcome());
                    move(d, StatusMove.SKIP_FOR_STEP, null, why, now);
                    history.add(new Object[]{tenant, due.notificationId(), d.id(), StatusMove.SKIP_FOR_STEP.to().name(),
                            0, Sql.ts(now), why});
                    stats.reached(due.tenant(), d.createdAt(), d.channel(), type, StatusMove.SKIP_FOR_STEP.to(), why,
                            now);
                }
                case StepVerdict.Collect collect when d.userId() != null -> {
                    Instant closes = DigestRules.windowEnd(now, collect.window());
                    client.sql("UPDATE delivery SET last_error = NULL, updated_at = ? WHERE id = ?")
                            .params(Sql.ts(now), d.id()).update();
                    client.sql(JdbcDigestStore.INSERT_ITEM).params(d.id(), tenant,
                            DigestRules.key(d.userId(), type, d.channel(), d.address(), closes), Sql.ts(closes))
                            .update();
                }
                default -> {
                    if (d.notBefore() != null && d.notBefore().isAfter(now)) {
                        // Still inside the recipient's quiet hours: it stays SCHEDULED, now with its due time.
                        String why = number + " reached; quiet hours until " + d.notBefore();
                        client.sql("UPDATE delivery SET due_at = ?, last_error = ?, updated_at = ? WHERE id = ?")
                                .params(Sql.ts(d.notBefore()), why, Sql.ts(now), d.id()).update();
                        continue;
                    }
                    move(d, StatusMove.RELEASE_FOR_STEP, now, null, now);
                    history.add(new Object[]{tenant, due.notificationId(), d.id(),
                            StatusMove.RELEASE_FOR_STEP.to().name(), 0, Sql.ts(now), number + " reached"});
                    released.add(d.lane());
                }
            }
        }
        client.sql("DELETE FROM workflow_hold WHERE tenant_id = ? AND notification_id = ? AND step_index = ?")
                .params(tenant, due.notificationId(), due.index()).update();
        if (!history.isEmpty()) {
            StatusHistory.write(jdbc, history);
        }
        stats.writeTo(jdbc, dialect);
        StepState state = verdict instanceof StepVerdict.Skip ? StepState.SKIPPED : StepState.DONE;
        client.sql("UPDATE workflow_step SET state = ?, outcome = ?, done_at = ? WHERE tenant_id = ?"
                        + " AND notification_id = ? AND step_index = ?")
                .params(state.name(), WorkflowRows.cut(verdict.outcome()), Sql.ts(now), tenant, due.notificationId(),
                        due.index()).update();
        startNext(due, now, readAt);
        return new Fired(due.tenant(), due.notificationId(), due.index(), state, released);
    }

    /**
     * The next step's timer: a wait's runs for its duration, any other step is due at once; a wait until READ of a
     * notification already read has nothing to wait for.
     */
    private void startNext(Due due, Instant now, Instant readAt) {
        client.sql("SELECT " + WorkflowRows.STEP_COLUMNS + " FROM workflow_step WHERE tenant_id = ?"
                        + " AND notification_id = ? AND step_index = ? AND state = 'WAITING'")
                .params(due.tenant().value(), due.notificationId(), due.index() + 1)
                .query((rs, i) -> WorkflowRows.step(rs)).optional()
                .ifPresent(next -> client.sql("UPDATE workflow_step SET state = 'DUE', due_at = ? WHERE tenant_id = ?"
                                + " AND notification_id = ? AND step_index = ?")
                        .params(Sql.ts(next.timed() && !(next.untilRead() && readAt != null)
                                        ? now.plus(next.duration()) : now), due.tenant().value(),
                                due.notificationId(), due.index() + 1).update());
    }

    /** The step's held deliveries, locked: a cancellation at this moment waits, then finds them decided. */
    private List<Held> held(Due due) {
        List<Held> held = client.sql("""
                        SELECT id, status, lane, user_id, channel, address, created_at FROM delivery
                        WHERE tenant_id = ? AND id IN (SELECT delivery_id FROM workflow_hold
                                                       WHERE tenant_id = ? AND notification_id = ? AND step_index = ?)
                        ORDER BY id FOR UPDATE""")
                .params(due.tenant().value(), due.tenant().value(), due.notificationId(), due.index())
                .query((rs, i) -> new Held(Sql.uuid(rs, "id"), DeliveryStatus.valueOf(rs.getString("status")),
                        Priority.valueOf(rs.getString("lane")), rs.getString("user_id"),
                        Channel.valueOf(rs.getString("channel")), rs.getString("address"),
                        Sql.instant(rs, "created_at"), null))
                .list();
        // Read apart from the locked rows: H2 locks only single-table selects.
        java.util.Map<UUID, Instant> notBefore = new java.util.HashMap<>();
        client.sql("SELECT delivery_id, not_before FROM workflow_hold WHERE tenant_id = ? AND notification_id = ?"
                        + " AND step_index = ? AND not_before IS NOT NULL")
                .params(due.tenant().value(), due.notificationId(), due.index())
                .query(rs -> {
                    notBefore.put(Sql.uuid(rs, "delivery_id"), Sql.instant(rs, "not_before"));
                });
        return held.stream().map(h -> new Held(h.id(), h.status(), h.lane(), h.userId(), h.channel(), h.address(),
                h.createdAt(), notBefore.get(h.id()))).toList();
    }

    @Override
    public Optional<Setback> failed(StepRef step, RoundFailure failure, Instant now, RetryThenSetAside rule) {
        return failures.failed(step, failure, now, rule);
    }

    @Override
    public boolean setAside(StepRef step, String reason, Instant now) {
        return failures.setAside(step, reason, now);
    }

    private void move(Held d, StatusMove move, Instant dueAt, String why, Instant now) {
        client.sql("UPDATE delivery SET status = " + StatusSql.to(move) + ", due_at = ?, last_error = ?,"
                        + " updated_at = ? WHERE id = ? AND " + StatusSql.from(move))
                .params(Sql.ts(dueAt), Sql.text(why), Sql.ts(now), d.id()).update();
    }
}
