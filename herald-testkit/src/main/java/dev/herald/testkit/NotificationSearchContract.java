package dev.herald.testkit;

import dev.herald.core.model.Channel;
import dev.herald.core.model.DeliveryStatus;
import dev.herald.core.model.Priority;
import dev.herald.core.notification.Delivery;
import dev.herald.core.notification.NewNotification;
import dev.herald.core.notification.Notification;
import dev.herald.core.notification.NotificationPage;
import dev.herald.core.notification.NotificationSearch;
import dev.herald.core.notification.NotificationView;
import dev.herald.core.model.Message;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Searching a tenant's notifications across users: every filter alone and together, newest first, paged by cursor.
 * Given, a minute apart: ann's order.shipped by email (queued), bob's order.shipped by SMS that failed at intake
 * and by email (queued), ann's invoice.due by SMS (cancelled), and another tenant's order.shipped for ann.
 */
public abstract class NotificationSearchContract extends StoreContract {
    private UUID annShipped;
    private UUID bobShipped;
    private UUID annInvoice;
    private UUID otherTenants;

    @BeforeEach
    void someNotifications() {
        annShipped = save(aNotification().type("order.shipped").to("ann").build());
        clock.advance(Duration.ofMinutes(1));
        UUID id = ids.next();
        Message hello = new Message("Hi", "Hi bob", null);
        bobShipped = save(new NewNotification(new Notification(id, TENANT, "order.shipped", Priority.NORMAL, null,
                clock.instant()), List.of(
                Delivery.planned(ids.next(), id, Channel.SMS, Priority.NORMAL, "bob", null)
                        .failed("no phone number", clock.instant()),
                Delivery.planned(ids.next(), id, Channel.EMAIL, Priority.NORMAL, "bob", "bob@example.com")
                        .queued(clock.instant(), hello, clock.instant(), null))));
        clock.advance(Duration.ofMinutes(1));
        annInvoice = save(aNotification().type("invoice.due").to("ann").channels(Channel.SMS).build());
        stores.notifications().cancel(TENANT, annInvoice, clock.instant());
        clock.advance(Duration.ofMinutes(1));
        NewNotification other = aNotification().tenant(OTHER_TENANT).type("order.shipped").to("ann").build();
        stores.notifications().save(OTHER_TENANT, List.of(other));
        otherTenants = other.notification().id();
    }

    private UUID save(NewNotification n) {
        stores.notifications().save(TENANT, List.of(n));
        return n.notification().id();
    }

    private List<UUID> found(NotificationSearch search) {
        return stores.notifications().search(TENANT, search, 50, null).items().stream().map(NotificationView::id)
                .toList();
    }

    @Test
    void withoutFiltersEveryUsersNotificationsListNewestFirst() {
        NotificationPage page = stores.notifications().search(TENANT, NotificationSearch.all(), 50, null);

        assertThat(page.items()).extracting(NotificationView::id).containsExactly(annInvoice, bobShipped, annShipped);
        assertThat(page.next()).isNull();
        assertThat(page.items().get(1).deliveries()).hasSize(2);
    }

    @Test
    void eachFilterNarrowsOnItsOwn() {
        assertThat(found(NotificationSearch.all().user("ann"))).containsExactly(annInvoice, annShipped);
        assertThat(found(NotificationSearch.all().type("order.shipped"))).containsExactly(bobShipped, annShipped);
        assertThat(found(NotificationSearch.all().status(DeliveryStatus.FAILED))).containsExactly(bobShipped);
        assertThat(found(NotificationSearch.all().channel(Channel.SMS))).containsExactly(annInvoice, bobShipped);
        assertThat(found(NotificationSearch.all().between(T0.plus(Duration.ofMinutes(1)), null)))
                .containsExactly(annInvoice, bobShipped);
        assertThat(found(NotificationSearch.all().between(null, T0.plus(Duration.ofMinutes(1)))))
                .as("to is exclusive").containsExactly(annShipped);
        assertThat(found(NotificationSearch.all().user("nobody"))).isEmpty();
    }

    @Test
    void deliveryFiltersMustAllHoldForOneDelivery() {
        // bob has a FAILED SMS and a QUEUED email, but no QUEUED SMS.
        assertThat(found(NotificationSearch.all().channel(Channel.SMS).status(DeliveryStatus.QUEUED))).isEmpty();
        assertThat(found(NotificationSearch.all().channel(Channel.SMS).status(DeliveryStatus.FAILED)))
                .containsExactly(bobShipped);
        assertThat(found(NotificationSearch.all().user("ann").status(DeliveryStatus.CANCELLED)))
                .containsExactly(annInvoice);
    }

    @Test
    void filtersCombine() {
        Instant second = T0.plus(Duration.ofMinutes(1));
        assertThat(found(NotificationSearch.all().type("order.shipped").channel(Channel.EMAIL)
                .status(DeliveryStatus.QUEUED).between(second, second.plusSeconds(1)))).containsExactly(bobShipped);
        assertThat(found(NotificationSearch.all().user("ann").type("order.shipped").between(second, null)))
                .isEmpty();
        assertThat(found(NotificationSearch.all().user("ann").type("invoice.due").channel(Channel.SMS)))
                .containsExactly(annInvoice);
    }

    @Test
    void pagesFollowTheCursorToTheEndEvenWithinOneInstant() {
        List<UUID> sameInstant = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            sameInstant.add(0, save(aNotification().type("bulk.sent").to("u" + i).build()));
        }
        List<UUID> seen = new ArrayList<>();
        UUID cursor = null;
        int pages = 0;
        do {
            NotificationPage page = stores.notifications().search(TENANT, NotificationSearch.all(), 2, cursor);
            page.items().forEach(n -> seen.add(n.id()));
            cursor = page.next();
            pages++;
        } while (cursor != null);

        assertThat(pages).isEqualTo(3);
        assertThat(seen.subList(0, 3)).containsExactlyElementsOf(sameInstant);
        assertThat(seen.subList(3, 6)).containsExactly(annInvoice, bobShipped, annShipped);
    }

    @Test
    void anotherTenantSeesNothingAndCannotPageWithThisTenantsCursor() {
        assertThat(stores.notifications().search(OTHER_TENANT, NotificationSearch.all(), 50, null).items())
                .extracting(NotificationView::id).containsExactly(otherTenants);
        assertThat(stores.notifications().search(OTHER_TENANT, NotificationSearch.all().user("ann"), 50, annInvoice)
                .items()).isEmpty();
        assertThat(found(NotificationSearch.all())).doesNotContain(otherTenants);
    }
}
