package dev.herald.core.dispatch;

import dev.herald.core.channel.ChannelProvider;
import dev.herald.core.channel.UnsubscribeLinks;
import dev.herald.core.channel.ChannelProviders;
import dev.herald.core.channel.DeadAddresses;
import dev.herald.core.channel.OutboundMessage;
import dev.herald.core.channel.SendResult;
import dev.herald.core.clock.SettableClock;
import dev.herald.core.dedup.ContentClaims;
import dev.herald.core.dedup.ContentDedup;
import dev.herald.core.dedup.DedupGuard;
import dev.herald.core.limits.UserChannelLimits;
import dev.herald.core.model.Channel;
import dev.herald.core.model.ClaimedDelivery;
import dev.herald.core.model.DeliveryStatus;
import dev.herald.core.model.Message;
import dev.herald.core.model.Priority;
import dev.herald.core.model.TenantId;
import dev.herald.core.preferences.OptOuts;
import dev.herald.core.tenancy.SuspendedTenants;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.random.RandomGenerator;

import static org.assertj.core.api.Assertions.assertThat;

/** A claimed batch asks the dedup guard once, for the deliveries that will be sent, and falls back per send. */
class BatchContentClaimTest {
    private final SettableClock clock = new SettableClock(Instant.parse("2026-03-01T09:00:00Z"));
    private final List<String> asked = new CopyOnWriteArrayList<>();
    private final List<Outcome> written = new CopyOnWriteArrayList<>();
    private final List<UUID> sent = new CopyOnWriteArrayList<>();
    private volatile boolean batchFails;

    /** Every hash is free, except that the second delivery's content repeats one that got through. */
    private final class Guard implements DedupGuard {
        private final UUID original = UUID.randomUUID();
        private volatile UUID repeat;

        @Override
        public Claim claim(TenantId tenant, String contentHash, UUID deliveryId, Duration window, Instant now) {
            asked.add("claim");
            return deliveryId.equals(repeat) ? new Claim.Duplicate(original) : new Claim.Clear();
        }

        @Override
        public List<Claim> claimAll(List<Request> requests, Instant now) {
            asked.add("claimAll:" + requests.size());
            if (batchFails) {
                throw new IllegalStateException("dedup store down");
            }
            return requests.stream().map(r -> r.deliveryId().equals(repeat)
                    ? (Claim) new Claim.Duplicate(original) : new Claim.Clear()).toList();
        }

        @Override
        public void countSuppressed(TenantId tenant, Channel channel, LocalDate day) {
        }

        @Override
        public Map<Channel, Long> suppressedSince(TenantId tenant, LocalDate since) {
            return Map.of();
        }

        @Override
        public int sweep(Instant now, int max) {
            return 0;
        }
    }

    private final Guard guard = new Guard();
    private final OutcomeWriter writer = new OutcomeWriter(new DeliveryQueue() {
        @Override
        public List<ClaimedDelivery> claim(Priority lane, int max, Instant now, Duration lease, String workerId) {
            return List.of();
        }

        @Override
        public List<Outcome> record(List<Outcome> outcomes) {
            written.addAll(outcomes);
            return outcomes;
        }
    }, List.of(), 100);

    private final DeliverySender sender;

    BatchContentClaimTest() {
        List<ChannelProvider> providers = new ArrayList<>();
        Arrays.stream(Channel.values()).forEach(c -> providers.add(new ChannelProvider() {
            @Override
            public String name() {
                return "p-" + c;
            }

            @Override
            public Channel channel() {
                return c;
            }

            @Override
            public SendResult send(OutboundMessage message) {
                sent.add(message.deliveryId());
                return new SendResult.Sent(name(), "m");
            }
        }));
        sender = new DeliverySender(new ChannelProviders(providers),
                new OutcomeRules(RetryPolicy.defaults(), RandomGenerator.getDefault()), writer, clock,
                DeadAddresses.IGNORE, UserChannelLimits.none(), new ContentDedup(guard, Duration.ofMinutes(10)),
                OptOuts.NONE, DeliveryLogContext.NONE, SuspendedTenants.NONE, UnsubscribeLinks.NONE);
        writer.start();
    }

    @AfterEach
    void stop() throws InterruptedException {
        writer.stop(Duration.ofSeconds(5));
    }

    private ClaimedDelivery delivery(String user, Instant expiresAt) {
        return new ClaimedDelivery(UUID.randomUUID(), TenantId.defaultTenant(), UUID.randomUUID(), "t", Channel.EMAIL,
                Priority.NORMAL, user, user + "@example.com", new Message("s", "hello " + user, null), 1,
                clock.instant(), expiresAt, 1);
    }

    @Test
    void aBatchIsClaimedOnceForTheDeliveriesThatWillBeSent() {
        ClaimedDelivery first = delivery("ann", null);
        ClaimedDelivery repeat = delivery("bob", null);
        ClaimedDelivery expired = delivery("cid", clock.instant().minusSeconds(1));
        guard.repeat = repeat.id();
        List<ClaimedDelivery> batch = List.of(first, repeat, expired);

        ContentClaims claims = sender.claimContent(batch);
        batch.forEach(d -> sender.send(d, claims));

        // One question for the two that could go; the expired one was not asked about.
        assertThat(asked).containsExactly("claimAll:2");
        assertThat(sent).containsExactly(first.id());
        assertThat(written).extracting(Outcome::status)
                .containsExactly(DeliveryStatus.SENT, DeliveryStatus.SUPPRESSED, DeliveryStatus.EXPIRED);
    }

    @Test
    void whenTheBatchClaimFailsEachSendClaimsOnItsOwn() {
        batchFails = true;
        ClaimedDelivery first = delivery("ann", null);
        ClaimedDelivery repeat = delivery("bob", null);
        guard.repeat = repeat.id();

        ContentClaims claims = sender.claimContent(List.of(first, repeat));
        sender.send(first, claims);
        sender.send(repeat, claims);

        assertThat(claims).isEqualTo(ContentClaims.NONE);
        assertThat(asked).containsExactly("claimAll:2", "claim", "claim");
        assertThat(sent).containsExactly(first.id());
        assertThat(written).extracting(Outcome::status)
                .containsExactly(DeliveryStatus.SENT, DeliveryStatus.SUPPRESSED);
    }
}
