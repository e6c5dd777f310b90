package dev.herald.core.dispatch;

import dev.herald.core.channel.ChannelProvider;
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
import org.junit.jupiter.api.AfterEach;
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
 * Wired through the real dispatchers: a busy lane (its last claim came back full) claims again only once a quarter
 * of its slots are free (or its shortest poll interval passed), while a lane whose last claim came back short claims
 * on the first free slot. Sends are held
 * by a gate the test opens, so what is free when is decided by the test, not by timing.
 */
class BusyLaneBatchTest {
    private static final int SLOTS = 16;
    private static final int WORTHWHILE = SLOTS / 4;

    private final SettableClock clock = new SettableClock(Instant.parse("2026-03-01T09:00:00Z"));
    private final Semaphore gate = new Semaphore(0);
    private final AtomicInteger started = new AtomicInteger();
    /** NORMAL's claims: the most each asked for. */
    private final List<Integer> claims = new CopyOnWriteArrayList<>();
    private final Queue queue = new Queue();
    private Dispatchers dispatchers;
    private LaneSignals signals;

    private final class Queue implements DeliveryQueue {
        private final Deque<ClaimedDelivery> due = new ArrayDeque<>();

        synchronized void add(int count) {
            for (int i = 0; i < count; i++) {
                due.add(new ClaimedDelivery(UUID.randomUUID(), TenantId.defaultTenant(), UUID.randomUUID(), "t",
                        Channel.EMAIL, Priority.NORMAL, "u", "u@example.com", new Message("s", "b", null), 1,
                        clock.instant(), null, 1));
            }
        }

        @Override
        public synchronized List<ClaimedDelivery> claim(Priority lane, int max, Instant now, Duration lease,
                                                        String workerId) {
            List<ClaimedDelivery> claimed = new ArrayList<>();
            if (lane != Priority.NORMAL) {
                return claimed;
            }
            if (!due.isEmpty()) {
                claims.add(max);
            }
            while (claimed.size() < max && !due.isEmpty()) {
                claimed.add(due.poll());
            }
            return claimed;
        }

        @Override
        public List<Outcome> record(List<Outcome> outcomes) {
            return outcomes;
        }
    }

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
            started.incrementAndGet();
            gate.acquireUninterruptibly();
            return new SendResult.Sent(name(), "id");
        }
    }

    private void start() {
        Map<Priority, Integer> concurrency = new EnumMap<>(Priority.class);
        Arrays.stream(Priority.values()).forEach(p -> concurrency.put(p, 1));
        concurrency.put(Priority.NORMAL, SLOTS);
        OutcomeWriter writer = new OutcomeWriter(queue, List.of(), 10);
        DeliverySender sender = new DeliverySender(new ChannelProviders(Arrays.stream(Channel.values())
                .<ChannelProvider>map(Gated::new).toList()),
                new OutcomeRules(RetryPolicy.defaults(), RandomGenerator.getDefault()), writer, clock,
                DeadAddresses.IGNORE, UserChannelLimits.none(), ContentDedup.off(), OptOuts.NONE,
                DeliveryLogContext.NONE, SuspendedTenants.NONE);
        signals = new LaneSignals();
        dispatchers = new Dispatchers(queue, sender, writer, signals,
                // The wait for a quarter of the slots is bounded by the shortest poll: a minute here, so what the
                // test sees is decided by the slots it frees, never by a timeout. Wake-ups end idle waits.
                new DispatchSettings(100, Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofMinutes(1),
                        concurrency, "w"), clock);
        dispatchers.start();
    }

    @AfterEach
    void stop() {
        gate.release(10_000);
        dispatchers.stop(Duration.ofSeconds(5));
    }

    @Test
    void aBusyLaneWaitsForAQuarterOfItsSlotsBeforeClaimingAgain() {
        queue.add(200);
        start();
        await().atMost(Duration.ofSeconds(10)).until(() -> started.get() == SLOTS);

        // Sends finish one at a time: no claim of one row each, one claim once a quarter of the slots are free.
        for (int i = 0; i < WORTHWHILE; i++) {
            gate.release();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> started.get() == SLOTS + WORTHWHILE);
        // Twelve more finish: claimed in batches of at least four (what is left under four waits for more).
        gate.release(3 * WORTHWHILE);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> started.get() >= SLOTS + 4 * WORTHWHILE - (WORTHWHILE - 1));

        assertThat(claims.getFirst()).isEqualTo(SLOTS);
        assertThat(claims.subList(1, claims.size())).isNotEmpty().allMatch(max -> max >= WORTHWHILE);
    }

    @Test
    void aLaneWhoseLastClaimCameBackShortClaimsOnTheFirstFreeSlot() {
        queue.add(SLOTS - 1);
        start();
        await().atMost(Duration.ofSeconds(10)).until(() -> started.get() == SLOTS - 1);

        // Fifteen sends still running, one slot free: a lone message is claimed and sent at once.
        queue.add(1);
        signals.wake(Priority.NORMAL);
        await().atMost(Duration.ofSeconds(10)).until(() -> started.get() == SLOTS);
        assertThat(claims).containsExactly(SLOTS, 1);
    }
}
