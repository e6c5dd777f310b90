package dev.herald.testkit;

import dev.herald.core.model.Channel;
import dev.herald.core.model.ClaimedDelivery;
import dev.herald.core.model.Priority;
import dev.herald.core.model.TraceParent;
import dev.herald.core.notification.DuplicateIdempotencyKeyException;
import dev.herald.core.notification.IdempotentRequest;
import dev.herald.core.notification.NewNotification;
import dev.herald.core.model.DeliveryStatus;
import dev.herald.core.notification.NotificationPage;
import dev.herald.core.notification.NotificationSearch;
import dev.herald.core.notification.NotificationView;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What every {@link dev.herald.core.notification.NotificationStore} must do. */
public abstract class NotificationStoreContract extends StoreContract {

    @Test
    void savedNotificationIsFoundWithEveryDeliveryAndItsHistory() {
        NewNotification n = aNotification().to("ann", "bob").channels(Channel.EMAIL, Channel.SMS).build();

        stores.notifications().save(TENANT, List.of(n));

        NotificationView view = stores.notifications().find(TENANT, n.notification().id()).orElseThrow();
        assertThat(view.type()).isEqualTo("test.event");
        assertThat(view.deliveries()).hasSize(4).allSatisfy(d -> {
            assertThat(d.status()).isEqualTo(DeliveryStatus.QUEUED);
            assertThat(d.history()).extracting(h -> h.status()).containsExactly(DeliveryStatus.QUEUED);
        });
        assertThat(view.deliveries()).extracting(d -> d.userId()).containsOnly("ann", "bob");
    }

    @Test
    void theCallersTraceContextIsKeptAndTravelsWithEveryClaim() {
        TraceParent trace = TraceParent.parse("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
        NewNotification traced = aNotification().to("ann").channels(Channel.EMAIL, Channel.SMS).trace(trace).build();
        NewNotification plain = aNotification().to("bob").build();

        stores.notifications().save(TENANT, List.of(traced, plain));

        assertThat(stores.notifications().find(TENANT, traced.notification().id()).orElseThrow().trace())
                .isEqualTo(trace);
        assertThat(stores.notifications().find(TENANT, plain.notification().id()).orElseThrow().trace()).isNull();
        assertThat(stores.notifications().search(TENANT, NotificationSearch.all().user("ann"), 10, null).items())
                .extracting(NotificationView::trace).containsExactly(trace);
        List<ClaimedDelivery> claimed = stores.queue().claim(Priority.NORMAL, 10, clock.instant(),
                Duration.ofSeconds(30), "w1");
        assertThat(claimed).hasSize(3);
        assertThat(claimed).filteredOn(c -> c.notificationId().equals(traced.notification().id()))
                .hasSize(2).allSatisfy(c -> assertThat(c.trace()).isEqualTo(trace));
        assertThat(claimed).filteredOn(c -> c.notificationId().equals(plain.notification().id()))
                .singleElement().satisfies(c -> assertThat(c.trace()).isNull());
    }

    @Test
    void anotherTenantCannotSeeTheNotification() {
        NewNotification n = aNotification().build();
        stores.notifications().save(TENANT, List.of(n));

        assertThat(stores.notifications().find(OTHER_TENANT, n.notification().id())).isEmpty();
        assertThat(stores.notifications().search(OTHER_TENANT, NotificationSearch.all().user("user-1"), 10, null)
                .items()).isEmpty();
    }

    @Test
    void repeatedIdempotencyKeyIsRefusedAndWritesNothing() {
        NewNotification first = aNotification().idempotencyKey("order-42").build();
        NewNotification repeat = aNotification().idempotencyKey("order-42").build();
        stores.notifications().save(TENANT, List.of(first));

        assertThatThrownBy(() -> stores.notifications().save(TENANT, List.of(repeat)))
                .isInstanceOf(DuplicateIdempotencyKeyException.class);

        assertThat(stores.notifications().find(TENANT, repeat.notification().id())).isEmpty();
        assertThat(stores.notifications().findByIdempotencyKey(TENANT, "order-42")
                .map(IdempotentRequest::notificationId))
                .contains(first.notification().id());
    }

    @Test
    void aReleasedKeyCanBeTakenAgainAndTheOldNotificationStays() {
        NewNotification first = aNotification().idempotencyKey("daily").build();
        stores.notifications().save(TENANT, List.of(first));
        assertThat(stores.notifications().findByIdempotencyKey(TENANT, "daily")).get()
                .satisfies(r -> assertThat(r.notificationId()).isEqualTo(first.notification().id()));

        assertThat(stores.notifications().releaseIdempotencyKey(TENANT, "daily", UUID.randomUUID())).isFalse();
        assertThat(stores.notifications().releaseIdempotencyKey(OTHER_TENANT, "daily", first.notification().id()))
                .isFalse();
        assertThat(stores.notifications().releaseIdempotencyKey(TENANT, "daily", first.notification().id())).isTrue();
        NewNotification second = aNotification().idempotencyKey("daily").build();
        stores.notifications().save(TENANT, List.of(second));

        assertThat(stores.notifications().findByIdempotencyKey(TENANT, "daily")
                .map(IdempotentRequest::notificationId)).contains(second.notification().id());
        assertThat(stores.notifications().find(TENANT, first.notification().id())).isPresent();
    }

    @Test
    void theSameIdempotencyKeyIsIndependentPerTenant() {
        stores.notifications().save(TENANT, List.of(aNotification().idempotencyKey("k").build()));
        NewNotification other = aNotification().tenant(OTHER_TENANT).idempotencyKey("k").build();

        stores.notifications().save(OTHER_TENANT, List.of(other));

        assertThat(stores.notifications().findByIdempotencyKey(OTHER_TENANT, "k")
                .map(IdempotentRequest::notificationId)).contains(other.notification().id());
    }

    @Test
    void aBatchIsAllOrNothing() {
        stores.notifications().save(TENANT, List.of(aNotification().idempotencyKey("taken").build()));
        NewNotification fine = aNotification().build();
        NewNotification clash = aNotification().idempotencyKey("taken").build();

        assertThatThrownBy(() -> stores.notifications().save(TENANT, List.of(fine, clash)))
                .isInstanceOf(DuplicateIdempotencyKeyException.class);

        assertThat(stores.notifications().find(TENANT, fine.notification().id())).isEmpty();
    }

    @Test
    void userHistoryPagesNewestFirstWithACursor() {
        List<UUID> ann = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            clock.advance(Duration.ofSeconds(1));
            NewNotification n = aNotification().to("ann").build();
            ann.add(0, n.notification().id());
            stores.notifications().save(TENANT, List.of(n));
        }
        stores.notifications().save(TENANT, List.of(aNotification().to("bob").build()));

        NotificationSearch ofAnn = NotificationSearch.all().user("ann");
        NotificationPage first = stores.notifications().search(TENANT, ofAnn, 2, null);
        NotificationPage second = stores.notifications().search(TENANT, ofAnn, 2, first.next());
        NotificationPage last = stores.notifications().search(TENANT, ofAnn, 2, second.next());

        assertThat(first.items()).extracting(NotificationView::id).containsExactly(ann.get(0), ann.get(1));
        assertThat(second.items()).extracting(NotificationView::id).containsExactly(ann.get(2), ann.get(3));
        assertThat(last.items()).extracting(NotificationView::id).containsExactly(ann.get(4));
        assertThat(last.next()).isNull();
        assertThat(first.items().getFirst().deliveries()).hasSize(1);
    }
}
