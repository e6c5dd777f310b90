package dev.herald.testkit;

import dev.herald.core.digest.DigestContent;
import dev.herald.core.digest.DigestStore;
import dev.herald.core.model.Channel;
import dev.herald.core.model.Message;
import dev.herald.core.model.Priority;
import dev.herald.core.notification.Delivery;
import dev.herald.core.notification.NewNotification;
import dev.herald.core.notification.Notification;
import dev.herald.core.model.DeliveryStatus;
import dev.herald.core.notification.DeliveryView;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Digest items wait unclaimed until their window closes, then become one delivery listing them. */
public abstract class DigestStoreContract extends StoreContract {

    private NewNotification item(String user, String title, String key, Instant due) {
        return item(user, title, key, due, null);
    }

    private NewNotification item(String user, String title, String key, Instant due, Instant expiresAt) {
        UUID id = ids.next();
        Delivery d = Delivery.planned(ids.next(), id, Channel.EMAIL, Priority.LOW, user, user + "@example.com")
                .digestItem(new Message(title, "details of " + title, null), clock.instant(), expiresAt, key, due);
        return new NewNotification(new Notification(id, TENANT, "social.like", Priority.LOW, null, clock.instant()),
                List.of(d));
    }

    private DeliveryView view(UUID notificationId, UUID deliveryId) {
        return stores.notifications().find(TENANT, notificationId).orElseThrow().deliveries().stream()
                .filter(d -> d.id().equals(deliveryId)).findFirst().orElseThrow();
    }

    @Test
    void aClosedWindowBecomesOneDeliveryListingItsItems() {
        Instant closes = clock.instant().plus(Duration.ofHours(1));
        NewNotification a = item("ann", "Bo liked your photo", "ann|social.like|EMAIL|x|1", closes);
        NewNotification b = item("ann", "Cy liked your photo", "ann|social.like|EMAIL|x|1", closes);
        NewNotification c = item("ann", "Di liked your photo", "ann|social.like|EMAIL|x|1", closes);
        NewNotification stale = item("ann", "Flash sale ended", "ann|social.like|EMAIL|x|1", closes,
                clock.instant().plus(Duration.ofMinutes(30)));
        NewNotification other = item("bob", "Ed liked your post", "bob|social.like|EMAIL|x|1", closes);
        stores.notifications().save(TENANT, List.of(a, b, c, stale, other));
        stores.notifications().cancel(TENANT, c.notification().id(), clock.instant());

        // Waiting items are never claimed, and nothing is due before the window closes.
        assertThat(stores.queue().claim(Priority.LOW, 10, clock.instant(), Duration.ofSeconds(30), "w")).isEmpty();
        assertThat(stores.digests().dueDigests(clock.instant(), 10)).isEmpty();

        clock.advance(Duration.ofHours(1));
        List<DigestStore.DigestRef> due = stores.digests().dueDigests(clock.instant(), 10);
        assertThat(due).extracting(DigestStore.DigestRef::key)
                .containsExactlyInAnyOrder("ann|social.like|EMAIL|x|1", "bob|social.like|EMAIL|x|1");
        DigestStore.DigestRef anns = due.stream().filter(r -> r.key().startsWith("ann")).findFirst().orElseThrow();
        UUID digestId = ids.next();
        DigestStore.Collapsed collapsed = stores.digests().collapse(anns, clock.instant(), digestId,
                new DigestContent()::render).orElseThrow();

        assertThat(collapsed.items()).isEqualTo(2);
        assertThat(collapsed.lane()).isEqualTo(Priority.LOW);
        assertThat(stores.digests().collapse(anns, clock.instant(), ids.next(), new DigestContent()::render))
                .isEmpty();
        var claimed = stores.queue().claim(Priority.LOW, 10, clock.instant(), Duration.ofSeconds(30), "w");
        assertThat(claimed).singleElement().satisfies(d -> {
            assertThat(d.id()).isEqualTo(digestId);
            assertThat(d.address()).isEqualTo("ann@example.com");
            assertThat(d.message().subject()).isEqualTo("2 new social.like notifications");
            assertThat(d.message().text()).contains("Bo liked your photo").contains("Cy liked your photo")
                    .doesNotContain("Di liked");
        });
        DeliveryView merged = view(a.notification().id(), a.deliveries().getFirst().id());
        assertThat(merged.status()).isEqualTo(DeliveryStatus.SUPPRESSED);
        assertThat(merged.lastError()).contains("merged into digest delivery " + digestId);
        assertThat(view(c.notification().id(), c.deliveries().getFirst().id()).status())
                .isEqualTo(DeliveryStatus.CANCELLED);
        assertThat(view(stale.notification().id(), stale.deliveries().getFirst().id()).status())
                .isEqualTo(DeliveryStatus.EXPIRED);
        // The digest is a notification of its own: cancelling an item's notification leaves it alone.
        assertThat(stores.notifications().cancel(TENANT, a.notification().id(), clock.instant()).orElseThrow()
                .cancelled()).isEmpty();
        assertThat(stores.digests().dueDigests(clock.instant(), 10)).extracting(DigestStore.DigestRef::key)
                .containsExactly("bob|social.like|EMAIL|x|1");
    }
}
