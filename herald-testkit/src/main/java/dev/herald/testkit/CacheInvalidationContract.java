package dev.herald.testkit;

import dev.herald.core.cache.CacheInvalidation;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What every {@link CacheInvalidation} does, local (one node) or across nodes (Redis): a change announced on one node
 * is heard by the subscribers of that cache on every node, the publisher's too. Delivery may be asynchronous, so the
 * tests wait for what must arrive; what must not arrive is checked after a later message on the same path arrived.
 */
public abstract class CacheInvalidationContract {
    private static final Duration BOUND = Duration.ofSeconds(10);

    /** Node {@code index} (0 or 1) of one deployment; an in-process implementation answers the same one for both. */
    protected abstract CacheInvalidation node(int index);

    private static final class Heard {
        final List<String> keys = new CopyOnWriteArrayList<>();

        void add(String key) {
            keys.add(key);
        }
    }

    @Test
    void aChangeIsHeardOnEveryNodeThePublishersToo() {
        Heard onPublisher = new Heard();
        Heard onOther = new Heard();
        node(0).subscribe("types", onPublisher::add);
        node(1).subscribe("types", onOther::add);

        node(0).publish("types", "t1/order.shipped");

        await().atMost(BOUND).until(() -> onPublisher.keys.size() == 1 && onOther.keys.size() == 1);
        assertThat(onPublisher.keys).containsExactly("t1/order.shipped");
        assertThat(onOther.keys).containsExactly("t1/order.shipped");
    }

    @Test
    void onlyTheNamedCacheIsTold() {
        Heard types = new Heard();
        Heard templates = new Heard();
        node(1).subscribe("types", types::add);
        node(1).subscribe("templates", templates::add);

        node(0).publish("templates", "t1/welcome");
        node(0).publish("types", "t1/order.shipped");

        await().atMost(BOUND).until(() -> types.keys.size() == 1 && templates.keys.size() == 1);
        assertThat(types.keys).containsExactly("t1/order.shipped");
        assertThat(templates.keys).containsExactly("t1/welcome");
    }

    @Test
    void aClosedSubscriptionHearsNothingMore() {
        Heard closed = new Heard();
        Heard open = new Heard();
        CacheInvalidation.Subscription subscription = node(1).subscribe("preferences", closed::add);
        node(1).subscribe("preferences", open::add);
        subscription.close();
        subscription.close();

        node(0).publish("preferences", "t1/ann");

        await().atMost(BOUND).until(() -> open.keys.size() == 1);
        assertThat(closed.keys).isEmpty();
    }

    @Test
    void keysArriveAsTheyWereSentInOrder() {
        Heard heard = new Heard();
        node(1).subscribe("templates", heard::add);
        List<String> keys = List.of("tenant-ü/order.shipped|SMS|ko-KR", "a b\tc", "\u0000/x", "last");

        keys.forEach(key -> node(0).publish("templates", key));

        await().atMost(BOUND).until(() -> heard.keys.size() == keys.size());
        assertThat(heard.keys).containsExactlyElementsOf(keys);
    }
}
