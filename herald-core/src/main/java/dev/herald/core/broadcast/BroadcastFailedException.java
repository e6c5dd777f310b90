package dev.herald.core.broadcast;

import java.util.UUID;

/**
 * A broadcast's round failed after its lease was taken (its row could not be read, say), before the runner knew the
 * broadcast: names it, so the failure is recorded on that broadcast alone.
 */
public final class BroadcastFailedException extends RuntimeException {
    private final UUID broadcast;

    public BroadcastFailedException(UUID broadcast, RuntimeException cause) {
        super("broadcast round failed", cause);
        this.broadcast = broadcast;
    }

    public UUID broadcast() {
        return broadcast;
    }
}
