package dev.herald.server.metrics;

import dev.herald.core.dispatch.WorkflowSteps;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.function.ToDoubleFunction;

/**
 * Counts what this node's workflow runner did, as {@code herald.workflow.steps} by outcome: steps that ran, were
 * skipped by their condition, failed an attempt, or were set aside after their last attempt.
 */
public final class WorkflowStepMetrics {
    private WorkflowStepMetrics() {
    }

    public static void bind(WorkflowSteps steps, MeterRegistry registry) {
        counter(registry, steps, "done", WorkflowSteps::done);
        counter(registry, steps, "skipped", WorkflowSteps::skipped);
        counter(registry, steps, "failed-attempt", WorkflowSteps::failedAttempts);
        counter(registry, steps, "set-aside", WorkflowSteps::setAside);
    }

    private static void counter(MeterRegistry registry, WorkflowSteps steps, String outcome,
                                ToDoubleFunction<WorkflowSteps> count) {
        FunctionCounter.builder("herald.workflow.steps", steps, count)
                .description("workflow steps taken by this node's runner, by outcome").tag("outcome", outcome)
                .register(registry);
    }
}
