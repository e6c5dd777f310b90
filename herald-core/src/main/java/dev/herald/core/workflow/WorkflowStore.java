package dev.herald.core.workflow;

import dev.herald.core.model.Priority;
import dev.herald.core.model.RetryThenSetAside;
import dev.herald.core.model.RetryThenSetAside.Setback;
import dev.herald.core.model.RoundFailure;
import dev.herald.core.model.TenantId;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Port: the timers of workflow runs, running a due step exactly once, and setting aside a step that always fails. */
public interface WorkflowStore {
    /** One step of one notification's run. */
    record StepRef(TenantId tenant, UUID notificationId, int step) {
    }

    /** What one step did: whose, which step, how it ended, and the lanes it put deliveries on. */
    record Fired(TenantId tenant, UUID notificationId, int step, StepState state, Set<Priority> released) {
    }

    /**
     * Takes the step whose timer is due earliest (at or before {@code now}) and, in that one transaction, judges it
     * ({@link StepJudge}), carries the verdict out on its held deliveries, records its outcome and starts the next
     * step's timer; a worker killed midway leaves the timer as it was. Empty when no timer is due (or every due one
     * is being run by another worker).
     *
     * @throws StepFailedException when the step taken failed: nothing of it was written, and the exception names it
     */
    Optional<Fired> runNext(Instant now);

    /**
     * Records a failed attempt at a step that is still due, in its own transaction: its attempts grow by one (not for
     * a passing failure) and its timer moves out as {@link RetryThenSetAside#after} says, with why in its outcome; so
     * the next {@link #runNext} takes another step. Empty when the step is no longer due at {@code now} (it ran on
     * another worker, was cancelled, or another worker's failure of it is recorded already).
     */
    Optional<Setback> failed(StepRef step, RoundFailure failure, Instant now, RetryThenSetAside rule);

    /**
     * Ends a run at a step that failed on every attempt, in one transaction: the step and the steps after it become
     * {@link StepState#SET_ASIDE} with the reason, and every delivery the run still holds becomes FAILED naming the
     * step, so the notification reaches a final status. False when the step is no longer due.
     */
    boolean setAside(StepRef step, String reason, Instant now);
}
