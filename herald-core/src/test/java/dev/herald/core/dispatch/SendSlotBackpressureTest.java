package dev.herald.core.dispatch;

import dev.herald.core.model.ClaimedDelivery;
import dev.herald.core.channel.ChannelProvider;
import dev.herald.core.channel.UnsubscribeLinks;
import dev.herald.core.channel.ChannelProviders;
import dev.herald.core.channel.OutboundMessage;
import dev.herald.core.channel.SendResult;
import dev.herald.core.clock.SettableClock;
import dev.herald.core.model.Channel;
import dev.herald.core.model.Message;
import dev.herald.core.model.Priority;
import dev.herald.core.model.TenantId;
import dev.herald.core.channel.DeadAddresses;
import dev.herald.core.dedup.ContentDedup;
import dev.herald.core.limits.UserChannelLimits;
import dev.herald.core.preferences.OptOuts;
import dev.herald.core.tenancy.SuspendedTenants;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.random.RandomGenerator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A send slot is freed only once its outcome is committed, so a slow store slows claiming, not recording. */
class SendSlotBackpressureTest {
    private final SettableClock clock = new SettableClock(Instant.parse("2026-03-01T09:00:00Z"));
    private final CountDownLatch storeMayCommit = new CountDownLatch(1);
    private final List<UUID> sent = new CopyOnWriteArrayList<>();
    private final List<Outcome> committed = new CopyOnWriteArrayList<>();
    private volatile boolean recordStarted;

    /** A queue with two due NORMAL deliveries whose first outcome write hangs until the test lets it go. */
    private final class SlowStoreQueue implements DeliveryQueue {
        private final Deque<ClaimedDelivery> due = new ArrayDeque<>();

        SlowStoreQueue() {
            for (int i = 0; i < 2; i++) {
                due.add(new ClaimedDelivery(UUID.randomUUID(), TenantId.defaultTenant(), UUID.randomUUID(), "t",
                        Channel.EMAIL, Priority.NORMAL, "u", "u@example.com", new Message("s", "b", null), 1,
                        clock.instant(), null, 1));
            }
        }

        @Override
        public synchronized List<ClaimedDelivery> claim(Priority lane, int max, Instant now, Duration lease,
                                                        String workerId) {
            List<ClaimedDelivery> claimed = new ArrayList<>();
            while (lane == Priority.NORMAL && claimed.size() < max && !due.isEmpty()) {
                claimed.add(due.poll());
            }
            return claimed;
        }

        synchronized int stillDue() {
            return due.size();
        }

        @Override
        public List<Outcome> record(List<Outcome> outcomes) {
            recordStarted = true;
            try {
                storeMayCommit.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            committed.addAll(outcomes);
            return outcomes;
        }
    }

    private static final class Capturing implements ChannelProvider {
        private final Channel channel;
        private final List<UUID> sent;

        Capturing(Channel channel, List<UUID> sent) {
            this.channel = channel;
            this.sent = sent;
        }

        @Override
        public String name() {
            return "capturing";
        }

        @Override
        public Channel channel() {
            return channel;
        }

        @Override
        public SendResult send(OutboundMessage message) {
            sent.add(message.deliveryId());
            return new SendResult.Sent(name(), "id");
        }
    }

    @Test
    void theNextDeliveryIsNotClaimedWhileTheLastOutcomeIsUncommitted() {
        SlowStoreQueue queue = new SlowStoreQueue();
        List<ChannelProvider> providers = new ArrayList<>();
        Arrays.stream(Channel.values()).forEach(c -> providers.add(new Capturing(c, sent)));
        Map<Priority, Integer> oneSlotEach = new EnumMap<>(Priority.class);
        Arrays.stream(Priority.values()).forEach(p -> oneSlotEach.put(p, 1));
        OutcomeWriter writer = new OutcomeWriter(queue, List.of(), 10);
        DeliverySender sender = new DeliverySender(new ChannelProviders(providers),
                new OutcomeRules(RetryPolicy.defaults(), RandomGenerator.getDefault()), writer, clock, DeadAddresses.IGNORE,
                UserChannelLimits.none(), ContentDedup.off(), OptOuts.NONE, DeliveryLogContext.NONE,
                SuspendedTenants.NONE, UnsubscribeLinks.NONE);
        Dispatchers dispatchers = new Dispatchers(queue, sender, writer, new LaneSignals(),
                new DispatchSettings(10, Duration.ofSeconds(30), Duration.ofMillis(1), Duration.ofMillis(5),
                        oneSlotEach, "w"), clock);
        dispatchers.start();
        try {
            await().atMost(Duration.ofSeconds(5)).until(() -> recordStarted);

            assertThat(sent).hasSize(1);
            assertThat(queue.stillDue()).isEqualTo(1);

            storeMayCommit.countDown();
            await().atMost(Duration.ofSeconds(5)).until(() -> committed.size() == 2);
            assertThat(sent).hasSize(2);
        } finally {
            storeMayCommit.countDown();
            dispatchers.stop(Duration.ofSeconds(5));
        }
    }
}
