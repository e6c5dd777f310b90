package dev.herald.server.config;

import dev.herald.core.dispatch.WorkflowSteps;
import org.springframework.context.SmartLifecycle;

/** Starts running due workflow steps with the application (worker role only) and stops it. */
final class WorkflowStepsLifecycle implements SmartLifecycle {
    private final WorkflowSteps steps;
    private final boolean worker;

    /** @param worker whether this node is a worker ({@code herald.roles}); only workers run steps */
    WorkflowStepsLifecycle(WorkflowSteps steps, boolean worker) {
        this.steps = steps;
        this.worker = worker;
    }

    @Override
    public void start() {
        if (worker) {
            steps.start();
        }
    }

    @Override
    public void stop() {
        steps.stop();
    }

    @Override
    public boolean isRunning() {
        return steps.isRunning();
    }
}
