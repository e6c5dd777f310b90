package dev.herald.jdbc;

import dev.herald.core.model.Channel;
import dev.herald.core.model.FailureKind;
import dev.herald.core.model.TenantId;
import dev.herald.core.workflow.StepEntry;
import dev.herald.core.workflow.StepState;
import dev.herald.core.workflow.WorkflowRun;
import dev.herald.core.workflow.WorkflowStep;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The rows of workflow runs ({@code workflow_step}, {@code workflow_hold}) as the notification store writes and reads
 * them inside its own transactions: a run starts with its notification, reading moves a wait-until-read timer to
 * now, cancelling cancels the steps not reached.
 */
final class WorkflowRows {
    private static final Logger LOG = LoggerFactory.getLogger(WorkflowRows.class);
    static final String STEP_COLUMNS = "tenant_id, notification_id, step_index, kind, channel, duration_seconds,"
            + " until_read, unless_read, if_critical, state, due_at, outcome, done_at";
    private static final String INSERT_STEP = "INSERT INTO workflow_step (" + STEP_COLUMNS + ")"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String INSERT_HOLD = "INSERT INTO workflow_hold (delivery_id, tenant_id, notification_id,"
            + " step_index, not_before) VALUES (?, ?, ?, ?, ?)";
    /** Outcomes are ours (no outside text), cut to the column. */
    static final int OUTCOME_LENGTH = 300;

    private WorkflowRows() {
    }

    /** Adds the run's step and hold rows to the batches written with its notification. */
    static void add(TenantId tenant, UUID notificationId, WorkflowRun run, List<Object[]> steps, List<Object[]> holds) {
        if (run == null) {
            return;
        }
        for (StepEntry e : run.entries()) {
            WorkflowStep s = e.step();
            steps.add(new Object[]{tenant.value(), notificationId, e.index(), s.kind().name(),
                    s.channel() == null ? null : s.channel().name(),
                    s.duration() == null ? null : s.duration().toSeconds(), s.untilRead(), s.unlessRead(),
                    s.critical(), e.state().name(), Sql.ts(e.dueAt()), Sql.text(cut(e.outcome())),
                    Sql.ts(e.doneAt())});
        }
        for (WorkflowRun.Hold h : run.holds()) {
            holds.add(new Object[]{h.deliveryId(), tenant.value(), notificationId, h.step(), Sql.ts(h.notBefore())});
        }
    }

    static void write(JdbcTemplate jdbc, List<Object[]> steps, List<Object[]> holds) {
        if (!steps.isEmpty()) {
            jdbc.batchUpdate(INSERT_STEP, steps);
        }
        if (!holds.isEmpty()) {
            jdbc.batchUpdate(INSERT_HOLD, holds);
        }
    }

    /**
     * The notification was read: a wait-until-read of its run ends now rather than at its timeout, so the steps
     * after it (a send unless read, skipped) run promptly. Called in the transaction that records READ.
     */
    static void readAt(JdbcClient client, TenantId tenant, UUID notificationId, Instant at) {
        client.sql("UPDATE workflow_step SET due_at = ? WHERE tenant_id = ? AND notification_id = ?"
                        + " AND state = 'DUE' AND until_read = TRUE AND due_at > ?")
                .params(Sql.ts(at), tenant.value(), notificationId, Sql.ts(at)).update();
    }

    /** The caller cancelled the notification: the steps not yet run never will be. */
    static void cancel(JdbcClient client, TenantId tenant, UUID notificationId, Instant at) {
        client.sql("UPDATE workflow_step SET state = 'CANCELLED', due_at = NULL, outcome = ?, done_at = ?"
                        + " WHERE tenant_id = ? AND notification_id = ? AND state IN ('WAITING', 'DUE')")
                .params("cancelled by the caller", Sql.ts(at), tenant.value(), notificationId).update();
        client.sql("DELETE FROM workflow_hold WHERE tenant_id = ? AND notification_id = ?")
                .params(tenant.value(), notificationId).update();
    }

    /** Each notification's steps, in order (none for notifications without a workflow). */
    static Map<UUID, List<StepEntry>> entries(JdbcClient client, TenantId tenant, Collection<UUID> notifications) {
        Map<UUID, List<StepEntry>> byNotification = new LinkedHashMap<>();
        if (notifications.isEmpty()) {
            return byNotification;
        }
        List<Object> params = new ArrayList<>();
        params.add(tenant.value());
        params.addAll(notifications);
        client.sql("SELECT " + STEP_COLUMNS + " FROM workflow_step WHERE tenant_id = ? AND notification_id IN ("
                        + Sql.marks(notifications) + ") ORDER BY notification_id, step_index")
                .params(params)
                .query(rs -> {
                    byNotification.computeIfAbsent(Sql.uuid(rs, "notification_id"), id -> new ArrayList<>())
                            .add(shown(rs));
                });
        return byNotification;
    }

    /**
     * A step as a read shows it. A part of the row this version cannot read (a newer version's kind, channel or
     * state, a damaged value) is shown as UNKNOWN, and logged once, so that one row does not fail the notification's
     * whole answer. The worker's reads ({@link #step}) stay strict.
     */
    private static StepEntry shown(ResultSet rs) throws SQLException {
        int index = rs.getInt("step_index");
        RuntimeException failure = null;
        WorkflowStep step;
        try {
            step = step(rs);
        } catch (IllegalArgumentException unreadable) {
            failure = unreadable;
            step = WorkflowStep.unreadable();
        }
        StepState state;
        try {
            state = StepState.valueOf(rs.getString("state"));
        } catch (IllegalArgumentException | NullPointerException unreadable) {
            failure = unreadable;
            state = StepState.UNKNOWN;
        }
        if (failure != null) {
            LOG.warn("step {} of notification {} could not be read whole, shown as UNKNOWN: {}", index + 1,
                    Sql.uuid(rs, "notification_id"), FailureKind.of(failure));
        }
        return new StepEntry(index, step, state, Sql.instant(rs, "due_at"), rs.getString("outcome"),
                Sql.instant(rs, "done_at"));
    }

    static StepEntry entry(ResultSet rs) throws SQLException {
        return new StepEntry(rs.getInt("step_index"), step(rs), StepState.valueOf(rs.getString("state")),
                Sql.instant(rs, "due_at"), rs.getString("outcome"), Sql.instant(rs, "done_at"));
    }

    static WorkflowStep step(ResultSet rs) throws SQLException {
        String channel = rs.getString("channel");
        Long seconds = rs.getObject("duration_seconds", Long.class);
        return new WorkflowStep(WorkflowStep.Kind.valueOf(rs.getString("kind")),
                channel == null ? null : Channel.valueOf(channel), seconds == null ? null : Duration.ofSeconds(seconds),
                rs.getBoolean("until_read"), rs.getBoolean("unless_read"), rs.getObject("if_critical", Boolean.class));
    }

    static String cut(String outcome) {
        return outcome == null || outcome.length() <= OUTCOME_LENGTH ? outcome
                : outcome.substring(0, OUTCOME_LENGTH - 1) + "…";
    }
}
