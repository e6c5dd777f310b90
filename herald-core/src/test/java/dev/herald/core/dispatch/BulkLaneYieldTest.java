package dev.herald.core.dispatch;

import dev.herald.core.channel.ChannelProvider;
import dev.herald.core.channel.UnsubscribeLinks;
import dev.herald.core.channel.ChannelProviders;
import dev.herald.core.channel.DeadAddresses;
import dev.herald.core.channel.OutboundMessage;
import dev.herald.core.channel.SendResult;
import dev.herald.core.clock.SettableClock;
import dev.herald.core.dedup.ContentDedup;
import dev.herald.core.limits.UserChannelLimits;
import dev.herald.core.model.Channel;
import dev.herald.core.model.ClaimedDelivery;
import dev.herald.core.model.Message;
import dev.herald.core.model.Priority;
import dev.herald.core.model.TenantId;
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
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.random.RandomGenerator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Wired through the real dispatchers: while a CRITICAL send is in flight, LOW claims at most its floor; once the
 * CRITICAL outcome is committed, LOW claims its full share again. Sends are held by gates the test opens, so every
 * step is decided by the test, not by timing.
 */
class BulkLaneYieldTest {
    private static final int LOW_SLOTS = 16;
    private static final int FLOOR = 2;

    private final SettableClock clock = new SettableClock(Instant.parse("2026-03-01T09:00:00Z"));
    private final Map<Priority, Semaphore> gates = new EnumMap<>(Priority.class);
    private final Map<Priority, AtomicInteger> started = new EnumMap<>(Priority.class);
    /** LOW claims as (phase, max asked for). */
    private final List<int[]> lowClaims = new CopyOnWriteArrayList<>();
    private volatile int phase;

    BulkLaneYieldTest() {
        for (Priority lane : Priority.values()) {
            gates.put(lane, new Semaphore(0));
            started.put(lane, new AtomicInteger());
        }
    }

    private final class Lanes implements DeliveryQueue {
        private final Map<Priority, Deque<ClaimedDelivery>> due = new EnumMap<>(Priority.class);

        Lanes() {
            Arrays.stream(Priority.values()).forEach(lane -> due.put(lane, new ArrayDeque<>()));
            add(Priority.LOW, 500);
        }

        synchronized void add(Priority lane, int count) {
            for (int i = 0; i < count; i++) {
                due.get(lane).add(new ClaimedDelivery(UUID.randomUUID(), TenantId.defaultTenant(), UUID.randomUUID(),
                        lane.name(), Channel.EMAIL, lane, "u", "u@example.com", new Message("s", "b", null), 1,
                        clock.instant(), null, 1));
            }
        }

        @Override
        public synchronized List<ClaimedDelivery> claim(Priority lane, int max, Instant now, Duration lease,
                                                        String workerId) {
            if (lane == Priority.LOW) {
                lowClaims.add(new int[]{phase, max});
            }
            List<ClaimedDelivery> claimed = new ArrayList<>();
            while (claimed.size() < max && !due.get(lane).isEmpty()) {
                claimed.add(due.get(lane).poll());
            }
            return claimed;
        }

        @Override
        public List<Outcome> record(List<Outcome> outcomes) {
            return outcomes;
        }
    }

    /** Holds every send at its lane's gate (the type names the lane) until the test lets it through. */
    private final class Gated implements ChannelProvider {
        private final Channel channel;

        Gated(Channel channel) {
            this.channel = channel;
        }

        @Override
        public String name() {
            return "gated";
        }

        @Override
        public Channel channel() {
            return channel;
        }

        @Override
        public SendResult send(OutboundMessage message) {
            Priority lane = Priority.valueOf(message.type());
            started.get(lane).incrementAndGet();
            gates.get(lane).acquireUninterruptibly();
            return new SendResult.Sent(name(), "id");
        }
    }

    @Test
    void lowClaimsNoMoreThanItsFloorWhileACriticalSendIsInFlightAndItsFullShareAfter() throws Exception {
        Lanes queue = new Lanes();
        Map<Priority, Integer> concurrency = new EnumMap<>(Priority.class);
        Arrays.stream(Priority.values()).forEach(p -> concurrency.put(p, 4));
        concurrency.put(Priority.LOW, LOW_SLOTS);
        OutcomeWriter writer = new OutcomeWriter(queue, List.of(), 10);
        DeliverySender sender = new DeliverySender(new ChannelProviders(Arrays.stream(Channel.values())
                .<ChannelProvider>map(Gated::new).toList()),
                new OutcomeRules(RetryPolicy.defaults(), RandomGenerator.getDefault()), writer, clock,
                DeadAddresses.IGNORE, UserChannelLimits.none(), ContentDedup.off(), OptOuts.NONE,
                DeliveryLogContext.NONE, SuspendedTenants.NONE, UnsubscribeLinks.NONE);
        LaneSignals signals = new LaneSignals();
        Dispatchers dispatchers = new Dispatchers(queue, sender, writer, signals,
                new DispatchSettings(100, Duration.ofSeconds(30), Duration.ofMillis(1), Duration.ofMillis(20),
                        concurrency, FLOOR, "w"), clock);
        dispatchers.start();
        try {
            // LOW alone takes its full share.
            await().atMost(Duration.ofSeconds(10)).until(() -> started.get(Priority.LOW).get() == LOW_SLOTS);
            assertThat(lowClaims).anyMatch(c -> c[1] == LOW_SLOTS);

            // A CRITICAL notification arrives and its send is held in flight.
            phase = 1;
            queue.add(Priority.CRITICAL, 1);
            signals.wake(Priority.CRITICAL);
            await().atMost(Duration.ofSeconds(10)).until(() -> started.get(Priority.CRITICAL).get() == 1);

            // LOW's earlier sends finish: it refills only up to the floor, and keeps moving there.
            gates.get(Priority.LOW).release(LOW_SLOTS);
            await().atMost(Duration.ofSeconds(10)).until(() -> started.get(Priority.LOW).get() == LOW_SLOTS + FLOOR);
            gates.get(Priority.LOW).release(FLOOR);
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> started.get(Priority.LOW).get() == LOW_SLOTS + 2 * FLOOR);
            assertThat(lowClaims.stream().filter(c -> c[0] == 1).mapToInt(c -> c[1]))
                    .isNotEmpty().allMatch(max -> max <= FLOOR);

            // The CRITICAL outcome is committed: LOW gets its full share back.
            phase = 2;
            gates.get(Priority.CRITICAL).release();
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> started.get(Priority.LOW).get() == 2 * LOW_SLOTS + FLOOR);
            assertThat(lowClaims.stream().filter(c -> c[0] == 2).mapToInt(c -> c[1])).anyMatch(max -> max > FLOOR);
        } finally {
            gates.values().forEach(g -> g.release(10_000));
            dispatchers.stop(Duration.ofSeconds(5));
        }
    }
}
