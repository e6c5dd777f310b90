package dev.herald.testkit;

import dev.herald.core.dispatch.Outcome;
import dev.herald.core.model.Channel;
import dev.herald.core.model.ClaimedDelivery;
import dev.herald.core.model.DeliveryStatus;
import dev.herald.core.model.Priority;
import dev.herald.core.notification.NewNotification;
import dev.herald.core.statusout.StatusEvent;
import dev.herald.core.statusout.StatusRelay;
import dev.herald.core.statusout.StatusRelay.Round;
import dev.herald.core.statusout.StatusSink;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The relay over a real outbox: events leave in the order they were written (per notification and per delivery),
 * a failing sink stops the round and the same events are handed on again (at least once, nothing skipped), and
 * only the lease holder relays.
 */
public abstract class StatusRelayContract extends StoreContract {
    private static final Duration LEASE = Duration.ofSeconds(30);

    /** A sink that records what it took and fails while told to. */
    private static final class RecordingSink implements StatusSink {
        final List<StatusEvent> taken = new ArrayList<>();
        int calls;
        boolean down;

        @Override
        public String name() {
            return "recording";
        }

        @Override
        public void publish(List<StatusEvent> events) {
            calls++;
            if (down) {
                throw new IllegalStateException("sink down");
            }
            taken.addAll(events);
        }
    }

    private StatusRelay relay(String owner, int batch, StatusSink... sinks) {
        return new StatusRelay(stores.statusOutbox(), List.of(sinks), clock, owner, LEASE, batch,
                Duration.ofMillis(100), Duration.ofSeconds(5));
    }

    /** Three notifications of two deliveries each, every delivery queued then sent. */
    private List<NewNotification> sentNotifications() {
        List<NewNotification> saved = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            NewNotification n = aNotification().channels(Channel.EMAIL).to("ann", "bob").build();
            stores.notifications().save(TENANT, List.of(n));
            saved.add(n);
        }
        List<ClaimedDelivery> claimed = stores.queue().claim(Priority.NORMAL, 10, clock.instant(), LEASE, "w");
        for (ClaimedDelivery c : claimed) {
            stores.queue().record(List.of(Outcome.sent(c, clock.instant(), "smtp", null, null)));
        }
        return saved;
    }

    private static void drain(StatusRelay relay) {
        Round round;
        do {
            round = relay.relayOnce();
        } while (round == Round.RELAYED_FULL_BATCH);
        assertThat(round).isIn(Round.RELAYED, Round.IDLE);
    }

    @Test
    void eventsLeaveInTheOrderTheyWereWrittenAndTheOutboxIsEmptied() {
        List<NewNotification> saved = sentNotifications();
        RecordingSink sink = new RecordingSink();

        drain(relay("node-a", 4, sink));

        assertThat(sink.taken).hasSize(12).extracting(StatusEvent::position).isSorted();
        for (NewNotification n : saved) {
            Map<UUID, List<DeliveryStatus>> perDelivery = new LinkedHashMap<>();
            sink.taken.stream().filter(e -> e.notificationId().equals(n.notification().id()))
                    .forEach(e -> perDelivery.computeIfAbsent(e.deliveryId(), k -> new ArrayList<>()).add(e.status()));
            assertThat(perDelivery.values()).hasSize(2).allSatisfy(statuses ->
                    assertThat(statuses).containsExactly(DeliveryStatus.QUEUED, DeliveryStatus.SENT));
        }
        assertThat(stores.statusOutbox().size()).isZero();
        assertThat(relay("node-a", 4, sink).relayOnce()).isEqualTo(Round.IDLE);
    }

    @Test
    void aFailingSinkStopsTheRoundAndTheSameEventsAreHandedOnAgain() {
        sentNotifications();
        RecordingSink kafka = new RecordingSink();
        RecordingSink webhooks = new RecordingSink();
        StatusRelay relay = relay("node-a", 100, kafka, webhooks);
        kafka.down = true;

        assertThat(relay.relayOnce()).isEqualTo(Round.FAILED);
        assertThat(relay.relayOnce()).isEqualTo(Round.FAILED);

        // Nothing was deleted, and the sinks after the failing one were not fed out of step with it.
        assertThat(stores.statusOutbox().size()).isEqualTo(12);
        assertThat(webhooks.calls).isZero();
        kafka.down = false;
        drain(relay);
        assertThat(kafka.taken).hasSize(12).extracting(StatusEvent::position).isSorted();
        assertThat(webhooks.taken).isEqualTo(kafka.taken);
        assertThat(stores.statusOutbox().size()).isZero();
    }

    @Test
    void theWaitAfterFailedRoundsDoublesUpToTheMaximumAndResetsOnSuccess() {
        StatusRelay relay = relay("node-a", 100, new RecordingSink());

        assertThat(List.of(relay.pauseAfter(Round.FAILED), relay.pauseAfter(Round.FAILED),
                relay.pauseAfter(Round.FAILED))).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200),
                Duration.ofMillis(400));
        for (int i = 0; i < 10; i++) {
            relay.pauseAfter(Round.FAILED);
        }
        assertThat(relay.pauseAfter(Round.FAILED)).isEqualTo(Duration.ofSeconds(5));
        assertThat(relay.pauseAfter(Round.RELAYED_FULL_BATCH)).isEqualTo(Duration.ZERO);
        assertThat(relay.pauseAfter(Round.FAILED)).isEqualTo(Duration.ofMillis(100));
    }

    @Test
    void onlyTheLeaseHolderRelaysUntilItsLeaseLapses() {
        sentNotifications();
        RecordingSink a = new RecordingSink();
        RecordingSink b = new RecordingSink();
        StatusRelay nodeA = relay("node-a", 2, a);
        StatusRelay nodeB = relay("node-b", 2, b);

        assertThat(nodeA.relayOnce()).isEqualTo(Round.RELAYED_FULL_BATCH);
        assertThat(nodeB.relayOnce()).isEqualTo(Round.NOT_HOLDER);
        clock.advance(LEASE.plusSeconds(1));
        drain(nodeB);

        assertThat(a.taken).hasSize(2);
        assertThat(b.taken).hasSize(10);
        assertThat(b.taken.getFirst().position()).isGreaterThan(a.taken.getLast().position());
    }
}
