package dev.herald.core.dispatch;

import dev.herald.core.tracking.DeliveryStatus;

import java.time.Instant;

/**
 * The result of one attempt of a claimed delivery, ready to be written.
 * {@code dueAt} is set only when the delivery goes back to the queue for a retry. {@code countsAsAttempt} is false
 * for a deferral (no provider was asked), which gives the claim's attempt back.
 */
public record Outcome(ClaimedDelivery delivery, DeliveryStatus status, Instant at, Instant dueAt, String provider,
                      String providerMessageId, String detail, boolean countsAsAttempt) {
    public Outcome(ClaimedDelivery delivery, DeliveryStatus status, Instant at, Instant dueAt, String provider,
                   String providerMessageId, String detail) {
        this(delivery, status, at, dueAt, provider, providerMessageId, detail, true);
    }
}
