package dev.herald.core.workflow;

import java.time.Instant;

/**
 * One step of a notification's run as its timeline shows it: which step, where it stands, when it is due (a timer)
 * and what it did or why it was skipped.
 */
public record StepEntry(int index, WorkflowStep step, StepState state, Instant dueAt, String outcome,
                        Instant doneAt) {

    public static StepEntry waiting(int index, WorkflowStep step) {
        return new StepEntry(index, step, StepState.WAITING, null, null, null);
    }

    public static StepEntry due(int index, WorkflowStep step, Instant at) {
        return new StepEntry(index, step, StepState.DUE, at, null, null);
    }

    public static StepEntry ran(int index, WorkflowStep step, StepState state, String outcome, Instant at) {
        return new StepEntry(index, step, state, null, outcome, at);
    }

    /** {@code step 2 wait PT15M until READ: ended, read at …}. */
    public String line() {
        return "step " + (index + 1) + " " + step.describe() + ": "
                + (outcome != null ? outcome : state.name().toLowerCase(java.util.Locale.ROOT));
    }
}
