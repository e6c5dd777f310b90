package dev.herald.core.workflow;

import java.time.Instant;

/** Decides what a reached step does, from the facts at that moment; the same rule at intake and on a worker. */
public final class StepJudge {
    private StepJudge() {
    }

    public static StepVerdict judge(WorkflowStep step, StepFacts facts, Instant now) {
        return switch (step.kind()) {
            case SEND -> {
                if (step.unlessRead() && facts.read()) {
                    yield new StepVerdict.Skip("skipped, notification was read at " + facts.readAt());
                }
                if (step.critical() != null && step.critical() != facts.critical()) {
                    yield new StepVerdict.Skip(facts.critical() ? "skipped, notification is critical"
                            : "skipped, type not critical");
                }
                yield new StepVerdict.Release("sent at " + now);
            }
            case WAIT -> new StepVerdict.Pass(step.untilRead() && facts.read()
                    ? "ended, read at " + facts.readAt()
                    : "ended after " + step.duration() + (step.untilRead() ? ", not read" : ""));
            case DELAY -> new StepVerdict.Pass("ended after " + step.duration());
            case DIGEST -> new StepVerdict.Collect(step.duration(), "collected into the digest of " + step.channel()
                    + " at " + now);
            // Only a read for showing makes one; a worker's read of such a row fails and the step is set aside.
            case UNKNOWN -> throw new IllegalStateException("a step that could not be read is never run");
        };
    }
}
