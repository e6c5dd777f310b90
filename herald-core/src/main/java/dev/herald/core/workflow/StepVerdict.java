package dev.herald.core.workflow;

import java.time.Duration;

/** What running one step decides; the store carries it out in the transaction that took the step's timer. */
public sealed interface StepVerdict {
    /** Why, for the timeline. */
    String outcome();

    /** The step's deliveries go out now. */
    record Release(String outcome) implements StepVerdict {
    }

    /** The step's deliveries are not sent (SUPPRESSED, naming why). */
    record Skip(String outcome) implements StepVerdict {
    }

    /** The step's deliveries join the digest of the window that holds now. */
    record Collect(Duration window, String outcome) implements StepVerdict {
    }

    /** A wait or delay ended; nothing to deliver. */
    record Pass(String outcome) implements StepVerdict {
    }
}
