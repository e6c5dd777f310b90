package dev.herald.core.dispatch;

import dev.herald.core.model.ClaimedDelivery;
import dev.herald.core.model.DeliveryStatus;

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

    /**
     * The same outcome without what the provider said (its message id and answer), for when that text is what keeps
     * the outcome from being stored: the status still gets written, with {@code why} as its detail.
     */
    public Outcome withoutProviderText(String why) {
        return new Outcome(delivery, status, at, dueAt, provider, null, why, countsAsAttempt);
    }
}
