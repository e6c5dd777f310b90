package dev.herald.core.workflow;

import java.time.Instant;

/**
 * What a step's conditions read when it runs: when the notification was first read (any of its deliveries reached
 * READ; null while unread) and whether it travels as critical.
 */
public record StepFacts(Instant readAt, boolean critical) {
    public boolean read() {
        return readAt != null;
    }
}
