package dev.herald.core.workflow;

import dev.herald.core.model.Priority;
import dev.herald.core.model.TenantId;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Port: the timers of workflow runs, and running a due step exactly once. */
public interface WorkflowStore {
    /** What one step did: whose, which step, how it ended, and the lanes it put deliveries on. */
    record Fired(TenantId tenant, UUID notificationId, int step, StepState state, Set<Priority> released) {
    }

    /**
     * Takes the step whose timer is due earliest (at or before {@code now}) and, in that one transaction, judges it
     * ({@link StepJudge}), carries the verdict out on its held deliveries, records its outcome and starts the next
     * step's timer; a worker killed midway leaves the timer as it was. Empty when no timer is due (or every due one
     * is being run by another worker).
     */
    Optional<Fired> runNext(Instant now);
}
