package dev.herald.testkit;

import dev.herald.core.inbox.InboxEvent;
import dev.herald.core.inbox.InboxFanOut;
import dev.herald.core.inbox.InboxMessage;
import dev.herald.core.model.TenantId;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What every {@link InboxFanOut} does, local (one node) or across nodes (Redis): an inbox change published on one
 * node reaches the live streams of every node, whole and in order.
 */
public abstract class InboxFanOutContract {
    private static final Duration BOUND = Duration.ofSeconds(10);

    /** Node {@code index} (0 or 1) of one deployment; an in-process implementation answers the same one for both. */
    protected abstract InboxFanOut node(int index);

    private record Change(TenantId tenant, String userId, InboxEvent event) {
    }

    private static final class Streams {
        final List<Change> heard = new CopyOnWriteArrayList<>();

        void changed(TenantId tenant, String userId, InboxEvent event) {
            heard.add(new Change(tenant, userId, event));
        }
    }

    private final TenantId acme = new TenantId("acme");

    private InboxMessage message(Instant readAt) {
        return new InboxMessage(UUID.randomUUID(), "ann-ü", UUID.randomUUID(), UUID.randomUUID(), "order.shipped",
                "Your order shipped", "It arrives \"tomorrow\".\nTrack it: <b>1Z999</b>",
                Instant.parse("2026-11-21T09:00:00.123456Z"), readAt, null);
    }

    @Test
    void aNewMessageReachesTheStreamsOfEveryNodeWhole() {
        Streams onPublisher = new Streams();
        Streams onOther = new Streams();
        node(0).subscribe(onPublisher::changed);
        node(1).subscribe(onOther::changed);
        InboxEvent added = new InboxEvent.NewMessage(message(null), 3);

        node(0).publish(acme, "ann-ü", added);

        await().atMost(BOUND).until(() -> onPublisher.heard.size() == 1 && onOther.heard.size() == 1);
        assertThat(onOther.heard).containsExactly(new Change(acme, "ann-ü", added));
        assertThat(onPublisher.heard).containsExactly(new Change(acme, "ann-ü", added));
    }

    @Test
    void unreadCountsArriveInTheOrderTheyWereSent() {
        Streams streams = new Streams();
        node(1).subscribe(streams::changed);
        List<Change> sent = IntStream.range(0, 20)
                .mapToObj(i -> new Change(i % 2 == 0 ? acme : TenantId.defaultTenant(), "u" + (i % 3),
                        i == 7 ? new InboxEvent.NewMessage(message(Instant.parse("2026-11-21T10:00:00Z")), i)
                                : new InboxEvent.UnreadCount(i)))
                .toList();

        sent.forEach(c -> node(0).publish(c.tenant(), c.userId(), c.event()));

        await().atMost(BOUND).until(() -> streams.heard.size() == sent.size());
        assertThat(streams.heard).containsExactlyElementsOf(sent);
    }

    @Test
    void aClosedSubscriptionHearsNothingMore() {
        Streams closed = new Streams();
        Streams open = new Streams();
        InboxFanOut.Subscription subscription = node(1).subscribe(closed::changed);
        node(1).subscribe(open::changed);
        subscription.close();
        subscription.close();

        node(0).publish(acme, "ann", new InboxEvent.UnreadCount(1));

        await().atMost(BOUND).until(() -> open.heard.size() == 1);
        assertThat(closed.heard).isEmpty();
    }
}
