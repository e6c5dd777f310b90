package dev.herald.jdbc;

import dev.herald.core.clock.IdGenerator;
import dev.herald.core.model.Channel;
import dev.herald.core.model.RetryThenSetAside;
import dev.herald.core.model.RetryThenSetAside.Setback;
import dev.herald.core.model.RoundFailure;
import dev.herald.core.model.StatusMove;
import dev.herald.core.workflow.WorkflowStore.StepRef;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The failures of workflow steps, each written in a short transaction of its own after the step's transaction rolled
 * back: an attempt counted and the timer pushed out, or, once the attempts are spent, the run set aside with its held
 * deliveries FAILED. Reads as little of the run as it can, so the row that made the step fail is not read again.
 */
final class FailedSteps {
    private final JdbcTemplate jdbc;
    private final JdbcClient client;
    private final TransactionTemplate tx;
    private final SqlDialect dialect;
    private final IdGenerator ids;

    FailedSteps(JdbcTemplate jdbc, TransactionTemplate tx, SqlDialect dialect, IdGenerator ids) {
        this.ids = ids;
        this.jdbc = jdbc;
        this.client = JdbcClient.create(jdbc);
        this.tx = tx;
        this.dialect = dialect;
    }

    Optional<Setback> failed(StepRef step, RoundFailure failure, Instant now, RetryThenSetAside rule) {
        // Reads nothing but the attempts: whatever of the row or its deliveries could not be read is left alone.
        // Only a step still due counts: another worker that failed it at the same moment has already pushed it out.
        return tx.execute(status -> client.sql("SELECT attempts FROM workflow_step WHERE tenant_id = ?"
                                + " AND notification_id = ? AND step_index = ? AND state = 'DUE' AND due_at <= ?"
                                + " FOR UPDATE")
                .params(step.tenant().value(), step.notificationId(), step.step(), Sql.ts(now))
                .query((rs, i) -> rs.getInt("attempts")).optional()
                .map(before -> {
                    Setback s = rule.after(before, failure, now);
                    String why = (failure.passing()
                            ? "a passing failure (" + failure.kind() + "), not counted (" + s.attempts() + " of "
                            + rule.maxAttempts() + " attempts failed)"
                            : "attempt " + s.attempts() + " of " + rule.maxAttempts() + " failed (" + failure.kind() + ")")
                            + (s.spent() ? "; setting aside" : "; tried again at " + s.retryAt());
                    client.sql("UPDATE workflow_step SET attempts = ?, due_at = ?, outcome = ? WHERE tenant_id = ?"
                                    + " AND notification_id = ? AND step_index = ?")
                            .params(s.attempts(), Sql.ts(s.retryAt()), WorkflowRows.cut(why), step.tenant().value(),
                                    step.notificationId(), step.step()).update();
                    return s;
                }));
    }

    boolean setAside(StepRef step, String reason, Instant now) {
        String tenant = step.tenant().value();
        return Boolean.TRUE.equals(tx.execute(status -> {
            int ended = client.sql("UPDATE workflow_step SET state = 'SET_ASIDE', due_at = NULL, outcome = ?,"
                            + " done_at = ? WHERE tenant_id = ? AND notification_id = ? AND step_index = ?"
                            + " AND state = 'DUE'")
                    .params(WorkflowRows.cut(reason), Sql.ts(now), tenant, step.notificationId(), step.step())
                    .update();
            if (ended == 0) {
                return false;
            }
            String number = "workflow step " + (step.step() + 1);
            client.sql("UPDATE workflow_step SET state = 'SET_ASIDE', outcome = ?, done_at = ? WHERE tenant_id = ?"
                            + " AND notification_id = ? AND state = 'WAITING'")
                    .params("not reached, " + number + " was set aside", Sql.ts(now), tenant, step.notificationId())
                    .update();
            failHeld(step, WorkflowRows.cut(number + " " + reason), now);
            return true;
        }));
    }

    /** Every delivery the run still holds, whichever step it waits for, fails: none of those steps will run. */
    private void failHeld(StepRef step, String why, Instant now) {
        String tenant = step.tenant().value();
        String type = client.sql("SELECT type FROM notification WHERE tenant_id = ? AND id = ?")
                .params(tenant, step.notificationId()).query(String.class).single();
        record Failing(UUID id, Channel channel, Instant createdAt) {
        }
        List<Failing> failing = client.sql("SELECT id, channel, created_at FROM delivery WHERE tenant_id = ?"
                        + " AND id IN (SELECT delivery_id FROM workflow_hold WHERE tenant_id = ? AND notification_id = ?)"
                        + " AND " + StatusSql.from(StatusMove.FAIL_WITH_STEP) + " ORDER BY id FOR UPDATE")
                .params(tenant, tenant, step.notificationId())
                .query((rs, i) -> new Failing(Sql.uuid(rs, "id"), Channel.valueOf(rs.getString("channel")),
                        Sql.instant(rs, "created_at"))).list();
        List<Object[]> history = new ArrayList<>();
        StatsTally stats = new StatsTally();
        // Listed with every other FAILED delivery (the console's recent failures), like any failing path.
        RecentFailureRows recent = new RecentFailureRows(ids);
        for (Failing d : failing) {
            client.sql("UPDATE delivery SET status = " + StatusSql.to(StatusMove.FAIL_WITH_STEP) + ", due_at = NULL,"
                            + " last_error = ?, updated_at = ? WHERE id = ? AND " + StatusSql.from(StatusMove.FAIL_WITH_STEP))
                    .params(why, Sql.ts(now), d.id()).update();
            history.add(new Object[]{tenant, step.notificationId(), d.id(), StatusMove.FAIL_WITH_STEP.to().name(), 0,
                    Sql.ts(now), why});
            stats.reached(step.tenant(), d.createdAt(), d.channel(), type, StatusMove.FAIL_WITH_STEP.to(), why, now);
            recent.reached(step.tenant(), d.id(), StatusMove.FAIL_WITH_STEP.to(), why, now);
        }
        client.sql("DELETE FROM workflow_hold WHERE tenant_id = ? AND notification_id = ?")
                .params(tenant, step.notificationId()).update();
        if (!history.isEmpty()) {
            StatusHistory.write(jdbc, history);
        }
        stats.writeTo(jdbc, dialect);
        recent.writeTo(jdbc);
    }
}
