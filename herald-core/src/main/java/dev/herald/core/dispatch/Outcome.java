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

    /** Carried: {@code provider} took it, under {@code providerMessageId}; {@code note} when it failed over. */
    public static Outcome sent(ClaimedDelivery delivery, Instant at, String provider, String providerMessageId,
                               String note) {
        return new Outcome(delivery, DeliveryStatus.SENT, at, null, provider, providerMessageId, note, true);
    }

    /** Back to the queue until {@code dueAt} after a failed attempt, which counts against the retry budget. */
    public static Outcome retryAt(ClaimedDelivery delivery, Instant at, Instant dueAt, String provider, String why) {
        return new Outcome(delivery, DeliveryStatus.QUEUED, at, dueAt, provider, null, why, true);
    }

    /** Back to the queue until {@code dueAt} without asking a provider: the claim's attempt is given back. */
    public static Outcome deferredTo(ClaimedDelivery delivery, Instant at, Instant dueAt, String provider,
                                     String why) {
        return new Outcome(delivery, DeliveryStatus.QUEUED, at, dueAt, provider, null, why, false);
    }

    /** Not sent, and never will be: {@code status} is FAILED, DEAD, EXPIRED or SUPPRESSED, with why. */
    public static Outcome notSent(ClaimedDelivery delivery, DeliveryStatus status, Instant at, String provider,
                                  String why) {
        return new Outcome(delivery, status, at, null, provider, null, why, true);
    }

    /**
     * The same outcome without what the provider said (its message id and answer), for when that text is what keeps
     * the outcome from being stored: the status still gets written, with {@code why} as its detail.
     */
    public Outcome withoutProviderText(String why) {
        return new Outcome(delivery, status, at, dueAt, provider, null, why, countsAsAttempt);
    }
}
