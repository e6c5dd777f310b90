package dev.herald.core.dispatch;

import dev.herald.core.channel.ChannelProvider;
import dev.herald.core.channel.ChannelProviders;
import dev.herald.core.channel.DeadAddresses;
import dev.herald.core.dedup.ContentDedup;
import dev.herald.core.limits.UserChannelLimits;
import dev.herald.core.channel.OutboundMessage;
import dev.herald.core.channel.SendResult;

import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ExecutionException;

/**
 * Sends one claimed delivery through its channel's provider and hands the outcome to the writer, returning
 * once the outcome is committed (the caller's send slot stays taken until then).
 */
public final class DeliverySender {
    private final ChannelProviders providers;
    private final OutcomeRules rules;
    private final OutcomeWriter writer;
    private final Clock clock;
    private final DeadAddresses deadAddresses;
    private final UserChannelLimits userLimits;
    private final ContentDedup dedup;

    public DeliverySender(ChannelProviders providers, OutcomeRules rules, OutcomeWriter writer, Clock clock,
                          DeadAddresses deadAddresses) {
        this(providers, rules, writer, clock, deadAddresses, UserChannelLimits.none(), ContentDedup.off());
    }

    public DeliverySender(ChannelProviders providers, OutcomeRules rules, OutcomeWriter writer, Clock clock,
                          DeadAddresses deadAddresses, UserChannelLimits userLimits, ContentDedup dedup) {
        this.userLimits = userLimits;
        this.dedup = dedup;
        this.deadAddresses = deadAddresses;
        this.providers = providers;
        this.rules = rules;
        this.writer = writer;
        this.clock = clock;
    }

    public void send(ClaimedDelivery delivery) {
        Optional<Outcome> givenUp = rules.beforeSend(delivery, clock.instant());
        if (givenUp.isPresent()) {
            await(writer.submit(givenUp.get()));
            return;
        }
        // Duplicates first: a repeat must not spend the user's budget.
        Optional<java.util.UUID> original = dedup.duplicateOf(delivery, clock.instant());
        if (original.isPresent()) {
            await(writer.submit(rules.suppress(delivery, "duplicate of delivery " + original.get()
                    + ": the same content went to this address within " + dedup.windowFor(delivery.tenant(), delivery.type()),
                    clock.instant())));
            return;
        }
        switch (userLimits.check(delivery)) {
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
        OutboundMessage message = new OutboundMessage(delivery.id(), delivery.tenant(), delivery.notificationId(),
                delivery.type(), delivery.channel(), delivery.userId(), delivery.address(), delivery.message());
        SendResult result;
        try {
            result = provider.send(message);
        } catch (RuntimeException e) {
            // A provider bug must not lose the delivery: treat it like any passing failure.
            result = new SendResult.Retry(provider.name(), "provider error: " + e.getClass().getSimpleName());
        }
        if (result instanceof SendResult.Rejected rejected && rejected.invalidAddress()) {
            try {
                deadAddresses.report(delivery.tenant(), message, rejected.reason());
            } catch (RuntimeException e) {
                // Forgetting the address is housekeeping; the delivery's own outcome must still be written.
            }
        }
        await(writer.submit(rules.decide(delivery, result, clock.instant())));
    }

    private static void await(java.util.concurrent.Future<Void> written) {
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
