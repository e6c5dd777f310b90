package dev.herald.core.dispatch;

import dev.herald.core.clock.Background;
import dev.herald.core.clock.RepeatingRound;
import dev.herald.core.model.FailureKind;
import dev.herald.core.model.PassingFailures;
import dev.herald.core.model.RetryThenSetAside;
import dev.herald.core.model.RetryThenSetAside.Setback;
import dev.herald.core.model.RoundFailure;
import dev.herald.core.workflow.StepFailedException;
import dev.herald.core.workflow.StepState;
import dev.herald.core.workflow.WorkflowStore;
import dev.herald.core.workflow.WorkflowStore.Fired;
import dev.herald.core.workflow.WorkflowStore.StepRef;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs the workflow steps whose timers are due, on workers, every {@code every}: each step in its own transaction
 * (see {@link WorkflowStore#runNext}), then wakes the lanes its deliveries went on. Several workers may run at once;
 * the store hands each due step to one of them.
 * <p>
 * A step that fails does not end the round: its failure is recorded on it alone ({@link WorkflowStore#failed}), which
 * moves its timer out by a growing backoff, and the round goes on with the next due step. After the last attempt the
 * step is set aside ({@link WorkflowStore#setAside}) and its held deliveries fail, so the notification still ends.
 * A failure that passes by itself ({@link PassingFailures}: the database down or restarting) moves the timer out
 * the same way but uses up no attempt, so an outage never sets healthy steps aside.
 */
public final class WorkflowSteps implements Background {
    private static final System.Logger LOG = System.getLogger(WorkflowSteps.class.getName());
    /** Steps taken in one round before the next round is scheduled, so a backlog is worked off without hogging. */
    static final int ROUND = 500;

    private final WorkflowStore store;
    private final LaneSignals signals;
    private final Clock clock;
    private final Duration every;
    private final RetryThenSetAside retries;
    private final PassingFailures passing;
    private final RepeatingRound rounds;
    private final AtomicLong done = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong setAside = new AtomicLong();

    public WorkflowSteps(WorkflowStore store, LaneSignals signals, Clock clock, Duration every,
                         RetryThenSetAside retries, PassingFailures passing) {
        this.store = store;
        this.passing = passing;
        this.signals = signals;
        this.clock = clock;
        this.every = every;
        this.retries = retries;
        this.rounds = new RepeatingRound("herald-workflow-steps", () -> {
            runDue();
            return every;
        });
    }

    /** Runs due steps until none is left or a round is done; returns how many ran. */
    public int runDue() {
        int ran = 0;
        for (int taken = 0; taken < ROUND; taken++) {
            Instant now = clock.instant();
            try {
                Optional<Fired> fired = store.runNext(now);
                if (fired.isEmpty()) {
                    break;
                }
                fired.get().released().forEach(signals::wake);
                (fired.get().state() == StepState.SKIPPED ? skipped : done).incrementAndGet();
                ran++;
            } catch (StepFailedException stepFailed) {
                if (!setBack(stepFailed.step(), RoundFailure.of(stepFailed.getCause(), passing), now)) {
                    break;
                }
            } catch (RuntimeException e) {
                // No step was taken (the database itself failed): the next round tries again.
                LOG.log(Level.WARNING, "workflow round failed: {0}", FailureKind.of(e));
                break;
            }
        }
        return ran;
    }

    /** Records the failure on the step alone; false when even that failed, which ends the round. */
    private boolean setBack(StepRef step, RoundFailure failure, Instant now) {
        failed.incrementAndGet();
        Optional<Setback> setback;
        try {
            setback = store.failed(step, failure, now, retries);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "workflow step failed ({0}) and the failure was not recorded: {1}",
                    failure.kind(), FailureKind.of(e));
            return false;
        }
        if (setback.isEmpty()) {
            return true;
        }
        Setback s = setback.get();
        if (!s.spent()) {
            LOG.log(Level.WARNING, "workflow step {0} of notification {1} failed ({2}), tried again at {3}: {4}",
                    step.step() + 1, step.notificationId(), failure.passing() ? "passing, not counted"
                            : "attempt " + s.attempts(), s.retryAt(), failure.kind());
            return true;
        }
        String reason = "set aside after " + s.attempts() + " failed attempts: " + failure.kind();
        try {
            if (store.setAside(step, reason, now)) {
                setAside.incrementAndGet();
                LOG.log(Level.WARNING, "workflow step {0} of notification {1} {2}", step.step() + 1,
                        step.notificationId(), reason);
            }
        } catch (RuntimeException e) {
            // Its timer is at the longest backoff: it is tried, and set aside, again then.
            LOG.log(Level.WARNING, "workflow step {0} of notification {1} could not be set aside: {2}",
                    step.step() + 1, step.notificationId(), FailureKind.of(e));
        }
        return true;
    }

    /** Steps that ran (their verdict carried out), since start. */
    public long done() {
        return done.get();
    }

    /** Steps whose condition said no, since start. */
    public long skipped() {
        return skipped.get();
    }

    /** Failed attempts at steps, since start. */
    public long failedAttempts() {
        return failed.get();
    }

    /** Steps set aside after their last attempt, since start. */
    public long setAside() {
        return setAside.get();
    }

    @Override
    public void start() {
        rounds.start(every);
    }

    /** Lets a round in progress finish (bounded): interrupting H2 mid-write closes its database file. */
    @Override
    public void stop() {
        rounds.stop();
    }

    @Override
    public boolean isRunning() {
        return rounds.isRunning();
    }
}
