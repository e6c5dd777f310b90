package dev.herald.core.workflow;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A notification's run as intake writes it, in the transaction that accepts the notification: one entry per step
 * (those intake already ran, the first timer, the rest waiting) and the deliveries held back for a later step.
 */
public record WorkflowRun(List<StepEntry> entries, List<Hold> holds) {
    public WorkflowRun {
        entries = List.copyOf(entries);
        holds = List.copyOf(holds);
    }

    /**
     * A delivery planned at intake but sent (or skipped) only when step {@code step} is reached, and not before
     * {@code notBefore} (the end of the recipient's quiet hours as planned; null: as soon as its step is reached).
     */
    public record Hold(UUID deliveryId, int step, Instant notBefore) {
    }
}
