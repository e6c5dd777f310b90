package dev.herald.testkit;

import dev.herald.core.recipients.User;
import dev.herald.core.topics.Subscriber;
import dev.herald.core.topics.SubscriberChange;
import dev.herald.core.topics.SubscriberPage;
import dev.herald.core.topics.Topic;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

public abstract class TopicStoreContract extends StoreContract {

    private Topic topic(String key, String name) {
        return new Topic(key, name, "about " + key, clock.instant(), clock.instant());
    }

    @Test
    void aTopicIsCreatedThenUpdatedListedAndDeletedPerTenant() {
        assertThat(stores.topics().put(TENANT, topic("news", "News"))).isTrue();
        assertThat(stores.topics().put(TENANT, topic("news", "All the news"))).isFalse();
        stores.topics().put(TENANT, topic("alerts", "Alerts"));

        assertThat(stores.topics().find(TENANT, "news")).get().extracting(Topic::name).isEqualTo("All the news");
        assertThat(stores.topics().list(TENANT, 10)).extracting(Topic::key).containsExactly("alerts", "news");
        assertThat(stores.topics().find(OTHER_TENANT, "news")).isEmpty();
        assertThat(stores.topics().list(OTHER_TENANT, 10)).isEmpty();

        assertThat(stores.topics().delete(OTHER_TENANT, "news")).isFalse();
        assertThat(stores.topics().delete(TENANT, "news")).isTrue();
        assertThat(stores.topics().find(TENANT, "news")).isEmpty();
    }

    @Test
    void subscribersAreAddedAndRemovedOnceEachAndPagedByUserId() {
        stores.topics().put(TENANT, topic("news", "News"));
        List<String> users = IntStream.range(0, 25).mapToObj(i -> "u%02d".formatted(i)).toList();

        SubscriberChange first = stores.topics().change(TENANT, "news", users, List.of());
        SubscriberChange again = stores.topics().change(TENANT, "news", List.of("u01", "u01", "u99"),
                List.of("u02", "nobody"));

        assertThat(first).isEqualTo(new SubscriberChange(25, 0));
        assertThat(again).isEqualTo(new SubscriberChange(1, 1));
        List<String> all = new ArrayList<>();
        String after = null;
        do {
            SubscriberPage page = stores.topics().subscribers(TENANT, "news", after, 10);
            all.addAll(page.userIds());
            after = page.nextAfter();
        } while (after != null);
        assertThat(all).hasSize(25).doesNotContain("u02").contains("u99").isSorted();
        assertThat(stores.topics().subscribers(OTHER_TENANT, "news", null, 10).userIds()).isEmpty();
    }

    @Test
    void aWalkStopsAtTheAudienceOfItsStartAndGoesOnFromItsCursor() {
        stores.topics().put(TENANT, topic("news", "News"));
        stores.topics().change(TENANT, "news", List.of("a", "b", "c", "d"), List.of());
        long audience = stores.topics().lastPosition(TENANT, "news");
        stores.topics().change(TENANT, "news", List.of("late"), List.of());

        List<Subscriber> first = stores.topics().walk(TENANT, "news", 0, audience, 3);
        List<Subscriber> rest = stores.topics().walk(TENANT, "news", first.getLast().position(), audience, 3);

        assertThat(first).extracting(Subscriber::userId).containsExactly("a", "b", "c");
        assertThat(rest).extracting(Subscriber::userId).containsExactly("d");
        assertThat(stores.topics().count(TENANT, "news", audience)).isEqualTo(4);
        assertThat(stores.topics().lastPosition(TENANT, "news")).isGreaterThan(audience);
        assertThat(stores.topics().lastPosition(TENANT, "empty")).isZero();
    }

    @Test
    void aCappedCountStopsAtItsCapAndCountsOnlyTheTenantsTopic() {
        stores.topics().put(TENANT, topic("news", "News"));
        stores.topics().change(TENANT, "news", List.of("a", "b", "c", "d", "e"), List.of());
        stores.topics().put(TENANT, topic("alerts", "Alerts"));
        stores.topics().change(TENANT, "alerts", List.of("a"), List.of());

        assertThat(stores.topics().countCapped(TENANT, "news", 3)).isEqualTo(3);
        assertThat(stores.topics().countCapped(TENANT, "news", 5)).isEqualTo(5);
        assertThat(stores.topics().countCapped(TENANT, "news", 100)).isEqualTo(5);
        assertThat(stores.topics().countCapped(TENANT, "alerts", 100)).isEqualTo(1);
        assertThat(stores.topics().countCapped(TENANT, "empty", 100)).isZero();
        assertThat(stores.topics().countCapped(OTHER_TENANT, "news", 100)).isZero();
    }

    @Test
    void deletingAUserEndsTheirSubscriptions() {
        stores.users().put(TENANT, new User("ann", "ann@example.com", null, null, null, clock.instant()));
        stores.topics().put(TENANT, topic("news", "News"));
        stores.topics().change(TENANT, "news", List.of("ann", "bob"), List.of());

        stores.users().delete(TENANT, "ann");

        assertThat(stores.topics().subscribers(TENANT, "news", null, 10).userIds()).containsExactly("bob");
    }
}
