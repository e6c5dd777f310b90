package dev.herald.testkit;

import dev.herald.core.digest.DigestContent;
import dev.herald.core.digest.DigestStore;
import dev.herald.core.dispatch.Outcome;
import dev.herald.core.model.Message;
import dev.herald.core.notification.Delivery;
import dev.herald.core.notification.Notification;
import dev.herald.core.model.Channel;
import dev.herald.core.model.ClaimedDelivery;
import dev.herald.core.model.DeliveryStatus;
import dev.herald.core.model.Priority;
import dev.herald.core.notification.NewNotification;
import dev.herald.core.statusout.StatusEvent;
import dev.herald.core.statusout.StatusOutbox;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Every published status change writes its status-outbox row in the change's own transaction, whichever store
 * makes it; the relay reads them oldest first, deletes what it handed on, and holds a lease only one node gets.
 */
public abstract class StatusOutboxContract extends StoreContract {
    private static final Duration LEASE = Duration.ofSeconds(30);

    private StatusOutbox outbox() {
        return stores.statusOutbox();
    }

    private NewNotification saved(Channel channel) {
        NewNotification n = aNotification().type("order.shipped").channels(channel).to("ann").build();
        stores.notifications().save(TENANT, List.of(n));
        return n;
    }

    private ClaimedDelivery claim() {
        return stores.queue().claim(Priority.NORMAL, 10, clock.instant(), LEASE, "w").getFirst();
    }

    private List<DeliveryStatus> statusesOf(UUID deliveryId) {
        return outbox().oldest(1000).stream().filter(e -> e.deliveryId().equals(deliveryId))
                .map(StatusEvent::status).toList();
    }

    @Test
    void intakeSendAndReceiptsEachWriteAnEventWithTheDeliveryFacts() {
        NewNotification n = saved(Channel.SMS);
        ClaimedDelivery d = claim();
        clock.advance(Duration.ofSeconds(1));
        stores.queue().record(List.of(Outcome.sent(d, clock.instant(), "twilio", "SM1", null)));
        stores.notifications().recordReceipt(TENANT, d.id(), DeliveryStatus.DELIVERED, clock.instant(), null);

        List<StatusEvent> events = outbox().oldest(100);
        assertThat(events).extracting(StatusEvent::status).containsExactly(DeliveryStatus.QUEUED,
                DeliveryStatus.SENT, DeliveryStatus.DELIVERED);
        assertThat(events).extracting(StatusEvent::position).isSorted().doesNotHaveDuplicates();
        StatusEvent sent = events.get(1);
        assertThat(sent.tenant()).isEqualTo(TENANT);
        assertThat(sent.notificationId()).isEqualTo(n.notification().id());
        assertThat(sent.deliveryId()).isEqualTo(d.id());
        assertThat(sent.type()).isEqualTo("order.shipped");
        assertThat(sent.channel()).isEqualTo(Channel.SMS);
        assertThat(sent.provider()).isEqualTo("twilio");
        assertThat(sent.at()).isEqualTo(clock.instant());
        assertThat(events).extracting(StatusEvent::eventId).doesNotHaveDuplicates();
        // Intake writes its event from what it planned, not from the delivery row read back: the same facts.
        StatusEvent queued = events.getFirst();
        assertThat(queued.tenant()).isEqualTo(TENANT);
        assertThat(queued.notificationId()).isEqualTo(n.notification().id());
        assertThat(queued.deliveryId()).isEqualTo(d.id());
        assertThat(queued.type()).isEqualTo("order.shipped");
        assertThat(queued.channel()).isEqualTo(Channel.SMS);
        assertThat(queued.provider()).isNull();
        assertThat(queued.at()).isEqualTo(n.deliveries().getFirst().createdAt());
    }

    @Test
    void retriesFailuresDeathsExpiryAndSuppressionAreEvents() {
        saved(Channel.EMAIL);
        ClaimedDelivery d = claim();
        stores.queue().record(List.of(Outcome.retryAt(d, clock.instant(), clock.instant(), "smtp", "HTTP 503")));
        ClaimedDelivery again = claim();
        stores.queue().record(List.of(Outcome.notSent(again, DeliveryStatus.FAILED, clock.instant(), "smtp",
                "mailbox unknown")));
        for (DeliveryStatus end : List.of(DeliveryStatus.DEAD, DeliveryStatus.EXPIRED, DeliveryStatus.SUPPRESSED)) {
            saved(Channel.EMAIL);
            ClaimedDelivery other = claim();
            stores.queue().record(List.of(Outcome.notSent(other, end, clock.instant(), "smtp", "why")));
            assertThat(statusesOf(other.id())).containsExactly(DeliveryStatus.QUEUED, end);
        }

        assertThat(statusesOf(d.id())).containsExactly(DeliveryStatus.QUEUED, DeliveryStatus.QUEUED,
                DeliveryStatus.FAILED);
        assertThat(outbox().oldest(100).stream().filter(e -> e.status() == DeliveryStatus.FAILED))
                .extracting(StatusEvent::reason).containsExactly("mailbox unknown");
    }

    @Test
    void cancelReplayAndDiscardAreEvents() {
        NewNotification cancelled = saved(Channel.EMAIL);
        stores.notifications().cancel(TENANT, cancelled.notification().id(), clock.instant());
        UUID cancelledId = cancelled.deliveries().getFirst().id();
        assertThat(statusesOf(cancelledId)).containsExactly(DeliveryStatus.QUEUED, DeliveryStatus.CANCELLED);

        saved(Channel.EMAIL);
        ClaimedDelivery d = claim();
        stores.queue().record(List.of(Outcome.notSent(d, DeliveryStatus.DEAD, clock.instant(), "smtp", "gave up")));
        stores.deadLetters().retry(TENANT, d.id(), clock.instant());
        ClaimedDelivery replayed = claim();
        stores.queue().record(List.of(Outcome.notSent(replayed, DeliveryStatus.DEAD, clock.instant(), "smtp",
                "gave up")));
        stores.deadLetters().discard(TENANT, d.id(), clock.instant());

        assertThat(statusesOf(d.id())).containsExactly(DeliveryStatus.QUEUED, DeliveryStatus.DEAD,
                DeliveryStatus.QUEUED, DeliveryStatus.DEAD, DeliveryStatus.CANCELLED);
    }

    @Test
    void aScheduledDeliveryIsNotAnEventUntilItIsQueuedOrSent() {
        NewNotification n = aNotification().channels(Channel.EMAIL).sendAt(clock.instant().plusSeconds(60)).build();
        stores.notifications().save(TENANT, List.of(n));

        assertThat(outbox().oldest(100)).isEmpty();
        assertThat(outbox().size()).isZero();
    }

    @Test
    void removedEventsAreGoneAndTheRestKeepTheirOrder() {
        for (int i = 0; i < 3; i++) {
            saved(Channel.EMAIL);
        }
        List<StatusEvent> events = outbox().oldest(100);
        assertThat(outbox().oldest(2)).isEqualTo(events.subList(0, 2));

        outbox().remove(List.of(events.get(0).position(), events.get(2).position()));

        assertThat(outbox().oldest(100)).containsExactly(events.get(1));
        assertThat(outbox().size()).isEqualTo(1);
    }

    @Test
    void eachTenantsEventsCarryTheirTenant() {
        stores.notifications().save(OTHER_TENANT,
                List.of(aNotification().tenant(OTHER_TENANT).channels(Channel.EMAIL).build()));
        saved(Channel.EMAIL);

        assertThat(outbox().oldest(100)).extracting(StatusEvent::tenant).containsExactly(OTHER_TENANT, TENANT);
    }

    @Test
    void onlyOneRelayHoldsTheLeaseUntilItLapsesOrIsReleased() {
        assertThat(outbox().holdRelay("node-a", clock.instant(), clock.instant().plus(LEASE))).isTrue();
        assertThat(outbox().holdRelay("node-b", clock.instant(), clock.instant().plus(LEASE))).isFalse();
        assertThat(outbox().holdRelay("node-a", clock.instant(), clock.instant().plus(LEASE))).isTrue();

        clock.advance(LEASE.plusSeconds(1));
        assertThat(outbox().holdRelay("node-b", clock.instant(), clock.instant().plus(LEASE))).isTrue();
        assertThat(outbox().holdRelay("node-a", clock.instant(), clock.instant().plus(LEASE))).isFalse();

        outbox().releaseRelay("node-b");
        assertThat(outbox().holdRelay("node-a", clock.instant(), clock.instant().plus(LEASE))).isTrue();
    }

    @Test
    void theSameBatchOfChangesWritesOneEventPerDelivery() {
        NewNotification n = aNotification().channels(Channel.EMAIL).to("ann", "bob", "cid").build();
        stores.notifications().save(TENANT, List.of(n));
        List<ClaimedDelivery> claimed = stores.queue().claim(Priority.NORMAL, 10, clock.instant(), LEASE, "w");
        stores.queue().record(claimed.stream()
                .map(c -> Outcome.sent(c, clock.instant(), "smtp", null, null)).toList());

        assertThat(outbox().oldest(100)).extracting(StatusEvent::notificationId, StatusEvent::status)
                .containsOnly(tuple(n.notification().id(), DeliveryStatus.QUEUED),
                        tuple(n.notification().id(), DeliveryStatus.SENT))
                .hasSize(6);
    }

    private NewNotification digestItem(String title, Instant closes, Instant expiresAt) {
        UUID id = ids.next();
        Delivery d = Delivery.planned(ids.next(), id, Channel.EMAIL, Priority.LOW, "ann", "ann@example.com")
                .digestItem(new Message(title, title, null), clock.instant(), expiresAt, "ann|social.like", closes);
        return new NewNotification(new Notification(id, TENANT, "social.like", Priority.LOW, null, clock.instant()),
                List.of(d));
    }

    @Test
    void aDigestQueuesItsDeliveryAndSuppressesOrExpiresItsItems() {
        Instant closes = clock.instant().plus(Duration.ofHours(1));
        NewNotification merged = digestItem("Bo liked your photo", closes, null);
        NewNotification stale = digestItem("Flash sale", closes, clock.instant().plus(Duration.ofMinutes(30)));
        stores.notifications().save(TENANT, List.of(merged, stale));
        assertThat(outbox().oldest(100)).isEmpty();

        clock.advance(Duration.ofHours(1));
        DigestStore.DigestRef due = stores.digests().dueDigests(clock.instant(), 10).getFirst();
        UUID digestId = ids.next();
        stores.digests().collapse(due, clock.instant(), digestId, new DigestContent()::render).orElseThrow();

        assertThat(statusesOf(merged.deliveries().getFirst().id())).containsExactly(DeliveryStatus.SUPPRESSED);
        assertThat(statusesOf(stale.deliveries().getFirst().id())).containsExactly(DeliveryStatus.EXPIRED);
        assertThat(statusesOf(digestId)).containsExactly(DeliveryStatus.QUEUED);
    }
}
