package dev.herald.core.dispatch;

import dev.herald.core.model.ClaimedDelivery;
import dev.herald.core.channel.SendResult;
import dev.herald.core.model.DeliveryStatus;
import dev.herald.core.model.StatusTransitions;

import java.time.Instant;
import java.util.Optional;
import java.util.random.RandomGenerator;
import java.time.Duration;

/** Decides what a send result means for the delivery: sent, back to the queue, failed, or dead. */
public final class OutcomeRules {
    // A deferral waits for the provider's own hint, within reason: a bogus Retry-After of years must not park
    // a delivery forever, and no hint at all still must not spin.
    private static final Duration MIN_DEFERRAL = Duration.ofSeconds(1);
    private static final Duration MAX_DEFERRAL = Duration.ofMinutes(15);

    private final RetryPolicies policies;
    private final RandomGenerator random;

    public OutcomeRules(RetryPolicies policies, RandomGenerator random) {
        this.policies = policies;
        this.random = random;
    }

    public OutcomeRules(RetryPolicy retries, RandomGenerator random) {
        this(RetryPolicies.everywhere(retries), random);
    }

    /**
     * A delivery claimed more often than the policy allows attempts (its earlier workers died or hung past their
     * leases) is given up on before another send, so it reaches DEAD instead of being claimed forever.
     */
    public Optional<Outcome> beforeSend(ClaimedDelivery delivery, Instant now) {
        if (delivery.isExpiredAt(now)) {
            return Optional.of(checked(Outcome.notSent(delivery, DeliveryStatus.EXPIRED, now, null,
                    "expired at " + delivery.expiresAt() + " before it could be sent")));
        }
        if (delivery.attempt() <= policies.forChannel(delivery.channel()).maxAttempts()) {
            return Optional.empty();
        }
        return Optional.of(checked(Outcome.notSent(delivery, DeliveryStatus.DEAD, now, null,
                "gave up: claimed " + delivery.attempt() + " times without a recorded result (lease expired)")));
    }

    /** Not sent on purpose (a user's channel budget is spent and the policy is to drop): final, with why. */
    public Outcome suppress(ClaimedDelivery delivery, String reason, Instant now) {
        return checked(Outcome.notSent(delivery, DeliveryStatus.SUPPRESSED, now, null, reason));
    }

    public Outcome decide(ClaimedDelivery delivery, SendResult result, Instant now) {
        RetryPolicy retries = policies.forChannel(delivery.channel());
        return checked(switch (result) {
            case SendResult.Sent sent -> Outcome.sent(delivery, now, sent.provider(), sent.providerMessageId(),
                    sent.note());
            case SendResult.Rejected rejected -> Outcome.notSent(delivery, DeliveryStatus.FAILED, now,
                    rejected.provider(), rejected.reason());
            case SendResult.Retry retry when !retry.attempted() -> Outcome.deferredTo(delivery, now,
                    now.plus(retry.retryAfter().filter(d -> !d.isNegative() && !d.isZero())
                            .map(d -> d.compareTo(MAX_DEFERRAL) > 0 ? MAX_DEFERRAL : d).orElse(MIN_DEFERRAL)),
                    retry.provider(), "deferred: " + retry.reason());
            case SendResult.Retry retry -> retries.hasAttemptsLeftAfter(delivery.attempt())
                    ? Outcome.retryAt(delivery, now,
                        now.plus(retries.backoffAfter(delivery.attempt(), retry.retryAfter(), random)),
                        retry.provider(), retry.reason())
                    : Outcome.notSent(delivery, DeliveryStatus.DEAD, now, retry.provider(),
                        "gave up after " + delivery.attempt() + " attempts: " + retry.reason());
        });
    }

    /** Every outcome leaves SENDING: one the status machine does not allow is a bug, refused before it is written. */
    private static Outcome checked(Outcome outcome) {
        StatusTransitions.require(DeliveryStatus.SENDING, outcome.status());
        return outcome;
    }
}
