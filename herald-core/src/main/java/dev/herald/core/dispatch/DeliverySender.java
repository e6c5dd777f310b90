package dev.herald.core.dispatch;

import dev.herald.core.model.ClaimedDelivery;
import dev.herald.core.model.FailureCounts;
import dev.herald.core.model.FailureKind;
import dev.herald.core.channel.ChannelProvider;
import dev.herald.core.channel.ChannelProviders;
import dev.herald.core.channel.DeadAddresses;
import dev.herald.core.dedup.ContentClaims;
import dev.herald.core.dedup.ContentDedup;
import dev.herald.core.dedup.DedupGuard;
import dev.herald.core.limits.UserChannelLimits;
import dev.herald.core.channel.OutboundMessage;
import dev.herald.core.channel.SendResult;
import dev.herald.core.channel.UnsubscribeLink;
import dev.herald.core.channel.UnsubscribeLinks;
import dev.herald.core.preferences.OptOuts;
import dev.herald.core.tenancy.SuspendedTenants;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * Sends one claimed delivery through its channel's provider and hands the outcome to the writer, returning
 * once the outcome is committed (the caller's send slot stays taken until then).
 */
public final class DeliverySender {
    private static final System.Logger LOG = System.getLogger(DeliverySender.class.getName());
    /** The dedup store could not be asked; the delivery went out unchecked. */
    public static final String DEDUP_CHECK_FAILED = "dedup-check";
    /** A provider declared an address dead and it could not be forgotten. */
    public static final String FORGET_DEAD_ADDRESS_FAILED = "forget-dead-address";

    private final ChannelProviders providers;
    private final OutcomeRules rules;
    private final OutcomeWriter writer;
    private final Clock clock;
    private final DeadAddresses deadAddresses;
    private final UserChannelLimits userLimits;
    private final ContentDedup dedup;
    private final OptOuts optOuts;
    private final DeliveryLogContext logContext;
    private static final Duration PENDING_WAIT = Duration.ofSeconds(5);
    private final SuspendedTenants suspended;
    private final UnsubscribeLinks unsubscribeLinks;
    private final FailureCounts failures = new FailureCounts();

    /**
     * @param userLimits per-user channel budgets ({@link UserChannelLimits#none()} for none)
     * @param dedup      content dedup ({@link ContentDedup#off()} for none)
     * @param optOuts    asked right before each send ({@link OptOuts#NONE} when nobody can opt out)
     * @param logContext the delivery's ids as log fields while it is sent ({@link DeliveryLogContext#NONE})
     * @param suspended  tenants whose deliveries wait ({@link SuspendedTenants#NONE} for none)
     * @param unsubscribeLinks the one-click link an email carries ({@link UnsubscribeLinks#NONE} for none)
     */
    public DeliverySender(ChannelProviders providers, OutcomeRules rules, OutcomeWriter writer, Clock clock,
                          DeadAddresses deadAddresses, UserChannelLimits userLimits, ContentDedup dedup,
                          OptOuts optOuts, DeliveryLogContext logContext, SuspendedTenants suspended,
                          UnsubscribeLinks unsubscribeLinks) {
        this.suspended = suspended;
        this.unsubscribeLinks = unsubscribeLinks;
        this.optOuts = optOuts;
        this.logContext = logContext;
        this.userLimits = userLimits;
        this.dedup = dedup;
        this.deadAddresses = deadAddresses;
        this.providers = providers;
        this.rules = rules;
        this.writer = writer;
        this.clock = clock;
    }

    public void send(ClaimedDelivery delivery) {
        send(delivery, ContentClaims.NONE);
    }

    /**
     * Claims the content of a claimed batch in one go, before its sends start: one statement for the batch instead
     * of a transaction per send. Deliveries that will not be sent (given up, or of a suspended tenant) are left out.
     * Pass the answer to {@link #send(ClaimedDelivery, ContentClaims)}; if the dedup store cannot be asked, the
     * answer is empty and each send asks on its own (and handles the failure as it always has).
     */
    public ContentClaims claimContent(List<ClaimedDelivery> batch) {
        Instant now = clock.instant();
        try {
            List<ClaimedDelivery> going = batch.stream()
                    .filter(d -> rules.beforeSend(d, now).isEmpty() && !suspended.isSuspended(d.tenant()))
                    .toList();
            return going.isEmpty() ? ContentClaims.NONE : dedup.checkAll(going, now);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "content claims of a batch failed, each send asks again: {0}",
                    FailureKind.of(e));
            return ContentClaims.NONE;
        }
    }

    /** Sends with the batch's content claims made ahead ({@link #claimContent}); a missing one is made now. */
    public void send(ClaimedDelivery delivery, ContentClaims claims) {
        try (DeliveryLogContext.Scope ignored = logContext.enter(delivery)) {
            sendInContext(delivery, claims);
        }
    }

    private void sendInContext(ClaimedDelivery delivery, ContentClaims claims) {
        Optional<Outcome> givenUp = rules.beforeSend(delivery, clock.instant());
        if (givenUp.isPresent()) {
            await(writer.submit(givenUp.get()));
            return;
        }
        if (suspended.isSuspended(delivery.tenant())) {
            await(writer.submit(rules.decide(delivery, new SendResult.Retry("tenant", "tenant suspended",
                    Optional.of(suspended.recheckAfter()), false), clock.instant())));
            return;
        }
        // Per-type choices bind every type but a critical one, judged as planning did: by the type's flag as it was
        // accepted, not by the lane (a non-critical type sent on the CRITICAL lane is still opted out of).
        if (delivery.userId() != null && optOuts.optedOut(delivery.tenant(), delivery.userId(), delivery.type(),
                delivery.channel(), !delivery.critical())) {
            await(writer.submit(rules.suppress(delivery, "user " + delivery.userId() + " opted out of "
                    + delivery.type() + " by " + delivery.channel() + " after this was accepted", clock.instant())));
            return;
        }
        // Duplicates first: a repeat must not spend the user's budget.
        DedupGuard.Claim claim;
        try {
            Optional<DedupGuard.Claim> ahead = claims.of(delivery.id());
            claim = ahead.isPresent() ? ahead.get() : dedup.check(delivery, clock.instant());
        } catch (RuntimeException e) {
            // The dedup table is unreachable: sending a possible repeat beats stalling every send on it.
            LOG.log(System.Logger.Level.WARNING, "content dedup unavailable, delivery {0} sent unchecked: {1}",
                    delivery.id(), FailureKind.of(e));
            failures.add(DEDUP_CHECK_FAILED);
            claim = new DedupGuard.Claim.Clear();
        }
        switch (claim) {
            case DedupGuard.Claim.Duplicate duplicate -> {
                await(writer.submit(rules.suppress(delivery, ContentDedup.DUPLICATE_REASON + duplicate.original()
                        + ": the same content went to this address within "
                        + dedup.windowFor(delivery.tenant(), delivery.type()), clock.instant())));
                return;
            }
            case DedupGuard.Claim.Pending pending -> {
                // The same content is still on its way in another delivery, which may yet fail: wait for it.
                await(writer.submit(rules.decide(delivery, new SendResult.Retry("dedup", "waiting for delivery "
                        + pending.original() + " with the same content", Optional.of(PENDING_WAIT), false),
                        clock.instant())));
                return;
            }
            case DedupGuard.Claim.Clear clear -> {
            }
        }
        // The budget counts messages, not attempts: a retry of a message already counted does not spend it again.
        UserChannelLimits.Verdict verdict = userLimits.check(delivery);
        switch (verdict) {
            case UserChannelLimits.Verdict.Send send -> {
            }
            case UserChannelLimits.Verdict.Defer defer -> {
                await(writer.submit(rules.decide(delivery, new SendResult.Retry("user-limit", defer.reason(),
                        Optional.of(defer.delay()), false), clock.instant())));
                return;
            }
            case UserChannelLimits.Verdict.Drop drop -> {
                await(writer.submit(rules.suppress(delivery, drop.reason(), clock.instant())));
                return;
            }
        }
        ChannelProvider provider = providers.forChannel(delivery.channel());
        UnsubscribeLink unsubscribe;
        try {
            unsubscribe = unsubscribeLinks.linkFor(delivery);
        } catch (RuntimeException e) {
            // Bulk mail without its unsubscribe link must not go out: try again later, like a passing failure.
            LOG.log(System.Logger.Level.WARNING, "no unsubscribe link for delivery {0}: {1}", delivery.id(),
                    FailureKind.of(e));
            await(writer.submit(rules.decide(delivery, new SendResult.Retry("unsubscribe",
                    "unsubscribe link could not be made: " + e.getClass().getSimpleName()), clock.instant())));
            return;
        }
        // Each send is a hop of its own in the caller's trace: a new parent-id, the same trace-id and flags.
        OutboundMessage message = new OutboundMessage(delivery.id(), delivery.tenant(), delivery.notificationId(),
                delivery.type(), delivery.channel(), delivery.userId(), delivery.address(), delivery.message(),
                delivery.trace() == null ? null : delivery.trace().nextHop(), unsubscribe);
        SendResult result;
        try {
            result = provider.send(message);
        } catch (RuntimeException e) {
            // A provider bug must not lose the delivery: treat it like any passing failure.
            LOG.log(System.Logger.Level.WARNING, "provider {0} failed on delivery {1}: {2}", provider.name(),
                    delivery.id(), FailureKind.of(e));
            result = new SendResult.Retry(provider.name(), "provider error: " + e.getClass().getSimpleName());
        }
        if (result instanceof SendResult.Rejected rejected && rejected.invalidAddress()) {
            try {
                deadAddresses.report(delivery.tenant(), message, rejected.reason());
            } catch (RuntimeException e) {
                // Forgetting the address is housekeeping; the delivery's own outcome must still be written.
                LOG.log(System.Logger.Level.WARNING, "could not forget the dead address of delivery {0}: {1}",
                        delivery.id(), FailureKind.of(e));
                failures.add(FORGET_DEAD_ADDRESS_FAILED);
            }
        }
        await(writer.submit(rules.decide(delivery, result, clock.instant())));
    }

    /** The housekeeping failures this sender logged and carried on past ({@link #DEDUP_CHECK_FAILED}, ...). */
    public FailureCounts failures() {
        return failures;
    }

    private static void await(Future<Void> written) {
        try {
            written.get();
        } catch (InterruptedException e) {
            // Shutting down: the outcome may not be written, and the lease will bring the delivery back.
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            throw new IllegalStateException("outcome writer failed", e.getCause());
        }
    }
}
