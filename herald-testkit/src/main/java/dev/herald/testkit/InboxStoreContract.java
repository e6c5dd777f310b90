package dev.herald.testkit;

import dev.herald.core.inbox.InboxFilter;
import dev.herald.core.inbox.InboxMessage;
import dev.herald.core.inbox.InboxPage;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

public abstract class InboxStoreContract extends StoreContract {

    private InboxMessage message(String user, String title) {
        clock.advance(Duration.ofSeconds(1));
        return new InboxMessage(ids.next(), user, UUID.randomUUID(), UUID.randomUUID(), "order.shipped", title,
                "body of " + title, clock.instant(), null, null);
    }

    @Test
    void messagesListNewestFirstWithUnreadCountAndCursor() {
        InboxMessage first = message("ann", "first");
        InboxMessage second = message("ann", "second");
        InboxMessage third = message("ann", "third");
        for (InboxMessage m : new InboxMessage[]{first, second, third}) {
            assertThat(stores.inbox().add(TENANT, m)).isTrue();
        }
        stores.inbox().add(TENANT, message("bob", "not ann's"));

        InboxPage page = stores.inbox().page(TENANT, "ann", InboxFilter.ACTIVE, 2, null);
        assertThat(page.messages()).extracting(InboxMessage::title).containsExactly("third", "second");
        assertThat(page.unread()).isEqualTo(3);
        InboxPage next = stores.inbox().page(TENANT, "ann", InboxFilter.ACTIVE, 2, page.nextCursor());
        assertThat(next.messages()).extracting(InboxMessage::title).containsExactly("first");
        assertThat(next.nextCursor()).isNull();
    }

    @Test
    void theSameDeliveryIsAddedOnce() {
        InboxMessage m = message("ann", "once");
        assertThat(stores.inbox().add(TENANT, m)).isTrue();

        InboxMessage again = new InboxMessage(ids.next(), "ann", m.deliveryId(), m.notificationId(), m.type(),
                m.title(), m.body(), clock.instant(), null, null);
        assertThat(stores.inbox().add(TENANT, again)).isFalse();
        assertThat(stores.inbox().unreadCount(TENANT, "ann")).isEqualTo(1);
    }

    @Test
    void readingChangesAMessageOnceAndReadAllReportsOnlyUnreadOnes() {
        InboxMessage a = message("ann", "a");
        InboxMessage b = message("ann", "b");
        InboxMessage c = message("ann", "c");
        stores.inbox().add(TENANT, a);
        stores.inbox().add(TENANT, b);
        stores.inbox().add(TENANT, c);

        assertThat(stores.inbox().markRead(TENANT, "ann", a.id(), clock.instant())).get()
                .satisfies(m -> assertThat(m.readAt()).isEqualTo(clock.instant()));
        assertThat(stores.inbox().markRead(TENANT, "ann", a.id(), clock.instant())).isEmpty();
        assertThat(stores.inbox().page(TENANT, "ann", InboxFilter.UNREAD, 10, null).messages())
                .extracting(InboxMessage::title).containsExactly("c", "b");

        assertThat(stores.inbox().markAllRead(TENANT, "ann", clock.instant())).extracting(InboxMessage::title)
                .containsExactlyInAnyOrder("b", "c");
        assertThat(stores.inbox().markAllRead(TENANT, "ann", clock.instant())).isEmpty();
        assertThat(stores.inbox().unreadCount(TENANT, "ann")).isZero();
    }

    @Test
    void archivedMessagesLeaveTheActiveListAndTheCount() {
        InboxMessage a = message("ann", "a");
        InboxMessage b = message("ann", "b");
        stores.inbox().add(TENANT, a);
        stores.inbox().add(TENANT, b);

        assertThat(stores.inbox().archive(TENANT, "ann", a.id(), clock.instant())).isTrue();

        assertThat(stores.inbox().page(TENANT, "ann", InboxFilter.ACTIVE, 10, null).messages())
                .extracting(InboxMessage::title).containsExactly("b");
        assertThat(stores.inbox().page(TENANT, "ann", InboxFilter.ARCHIVED, 10, null).messages())
                .extracting(InboxMessage::title).containsExactly("a");
        assertThat(stores.inbox().unreadCount(TENANT, "ann")).isEqualTo(1);
        // Read-all reads what the badge counted: the archived message was never opened and stays unread.
        assertThat(stores.inbox().markAllRead(TENANT, "ann", clock.instant())).extracting(InboxMessage::title)
                .containsExactly("b");
        assertThat(stores.inbox().find(TENANT, "ann", a.id())).get().satisfies(m -> assertThat(m.readAt()).isNull());
    }

    @Test
    void aUserCannotTouchAnotherUsersOrTenantsMessages() {
        InboxMessage a = message("ann", "a");
        stores.inbox().add(TENANT, a);

        assertThat(stores.inbox().find(TENANT, "bob", a.id())).isEmpty();
        assertThat(stores.inbox().markRead(TENANT, "bob", a.id(), clock.instant())).isEmpty();
        assertThat(stores.inbox().archive(TENANT, "bob", a.id(), clock.instant())).isFalse();
        assertThat(stores.inbox().find(OTHER_TENANT, "ann", a.id())).isEmpty();
        assertThat(stores.inbox().markAllRead(OTHER_TENANT, "ann", clock.instant())).isEmpty();
        assertThat(stores.inbox().unreadCount(TENANT, "ann")).isEqualTo(1);
    }
}
