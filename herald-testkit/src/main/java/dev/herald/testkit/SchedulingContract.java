package dev.herald.testkit;

import dev.herald.core.model.ClaimedDelivery;
import dev.herald.core.dispatch.Outcome;
import dev.herald.core.model.Priority;
import dev.herald.core.notification.Cancellation;
import dev.herald.core.notification.NewNotification;
import dev.herald.core.model.DeliveryStatus;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Scheduled deliveries wait for their time, carry their expiry to the dispatcher, and can be cancelled. */
public abstract class SchedulingContract extends StoreContract {
    private static final Duration LEASE = Duration.ofSeconds(30);

    private List<ClaimedDelivery> claim() {
        return stores.queue().claim(Priority.NORMAL, 10, clock.instant(), LEASE, "w");
    }

    private DeliveryStatus status(NewNotification n, UUID deliveryId) {
        return stores.notifications().find(TENANT, n.notification().id()).orElseThrow().deliveries().stream()
                .filter(d -> d.id().equals(deliveryId)).findFirst().orElseThrow().status();
    }

    @Test
    void aScheduledDeliveryIsClaimedOnlyWhenItsTimeComesAndCarriesItsExpiry() {
        Instant sendAt = clock.instant().plus(Duration.ofHours(1));
        Instant expiresAt = sendAt.plus(Duration.ofMinutes(10));
        NewNotification n = aNotification().to("ann").sendAt(sendAt).expiresAt(expiresAt).build();
        stores.notifications().save(TENANT, List.of(n));

        assertThat(status(n, n.deliveries().getFirst().id())).isEqualTo(DeliveryStatus.SCHEDULED);
        assertThat(claim()).isEmpty();

        clock.advance(Duration.ofHours(1));
        List<ClaimedDelivery> due = claim();
        assertThat(due).singleElement().satisfies(d -> assertThat(d.expiresAt()).isEqualTo(expiresAt));
    }

    @Test
    void cancellingStopsWhatIsWaitingAndReportsWhatIsAlreadyOut() {
        NewNotification n = aNotification().to("ann", "bob", "cy").build();
        stores.notifications().save(TENANT, List.of(n));
        ClaimedDelivery sending = stores.queue().claim(Priority.NORMAL, 1, clock.instant(), LEASE, "w").getFirst();
        ClaimedDelivery sent = stores.queue().claim(Priority.NORMAL, 1, clock.instant(), LEASE, "w").getFirst();
        stores.queue().record(List.of(Outcome.sent(sent, clock.instant(), "smtp", "m1", null)));
        UUID waiting = n.deliveries().stream().map(d -> d.id())
                .filter(id -> !id.equals(sending.id()) && !id.equals(sent.id())).findFirst().orElseThrow();

        assertThat(stores.notifications().cancel(OTHER_TENANT, n.notification().id(), clock.instant())).isEmpty();
        Cancellation c = stores.notifications().cancel(TENANT, n.notification().id(), clock.instant()).orElseThrow();

        assertThat(c.cancelled()).containsExactly(waiting);
        assertThat(c.untouched()).containsExactlyInAnyOrder(
                new Cancellation.Untouched(sending.id(), DeliveryStatus.SENDING),
                new Cancellation.Untouched(sent.id(), DeliveryStatus.SENT));
        assertThat(status(n, waiting)).isEqualTo(DeliveryStatus.CANCELLED);
        clock.advance(LEASE.plusSeconds(1));
        // The cancelled delivery never comes back; the one a dispatcher held does, once its lease runs out.
        assertThat(claim()).extracting(ClaimedDelivery::id).containsExactly(sending.id());
    }

    @Test
    void aScheduledNotificationCanBeCancelledBeforeItsTime() {
        NewNotification n = aNotification().to("ann").sendAt(clock.instant().plus(Duration.ofDays(1))).build();
        stores.notifications().save(TENANT, List.of(n));

        Cancellation c = stores.notifications().cancel(TENANT, n.notification().id(), clock.instant()).orElseThrow();

        assertThat(c.cancelled()).hasSize(1);
        clock.advance(Duration.ofDays(2));
        assertThat(claim()).isEmpty();
        assertThat(stores.notifications().cancel(TENANT, UUID.randomUUID(), clock.instant())).isEmpty();
    }
}
