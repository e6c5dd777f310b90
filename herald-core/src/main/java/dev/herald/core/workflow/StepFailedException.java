package dev.herald.core.workflow;

/**
 * A workflow step failed while it ran (its row or its deliveries could not be read, a write was refused): its
 * transaction rolled back and the step is as it was. Names the step, so the failure can be recorded on it alone.
 */
public final class StepFailedException extends RuntimeException {
    private final WorkflowStore.StepRef step;

    public StepFailedException(WorkflowStore.StepRef step, RuntimeException cause) {
        super("workflow step failed", cause);
        this.step = step;
    }

    public WorkflowStore.StepRef step() {
        return step;
    }
}
