package dev.herald.jdbc;

import dev.herald.core.clock.IdGenerator;
import dev.herald.core.clock.SettableClock;
import dev.herald.core.model.ClaimedDelivery;
import dev.herald.core.dispatch.Outcome;
import dev.herald.core.model.Priority;
import dev.herald.core.model.TenantId;
import dev.herald.core.notification.NewNotification;
import dev.herald.core.notification.NotificationStore;
import dev.herald.core.tracking.CompletionWaiter;
import dev.herald.core.model.DeliveryStatus;
import dev.herald.core.notification.NotificationView;
import dev.herald.testkit.StorePorts;
import dev.herald.testkit.TestNotifications;
import org.junit.jupiter.api.Test;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Wait mode over the real store: the outcome writer's report of the last final delivery ends the wait, and the
 * waiter reads the notification only when it starts and when it is woken, not on every outcome or on a timer.
 */
class CompletionWaiterTest {
    private static final TenantId TENANT = TenantId.defaultTenant();
    private static final Duration LEASE = Duration.ofSeconds(30);

    private final SettableClock clock = new SettableClock(Instant.parse("2026-03-01T09:00:00Z"));
    private final StorePorts stores = TestDatabases.freshH2(clock);
    private final AtomicInteger reads = new AtomicInteger();
    // The real store, counting the waiter's reads.
    private final NotificationStore counted = (NotificationStore) Proxy.newProxyInstance(
            NotificationStore.class.getClassLoader(), new Class<?>[]{NotificationStore.class}, (proxy, method, args) -> {
                if (method.getName().equals("find")) {
                    reads.incrementAndGet();
                }
                try {
                    return method.invoke(stores.notifications(), args);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
            });
    // The safety poll and the wait reach far beyond the test: only the outcomes can end this wait.
    private final CompletionWaiter waiter = new CompletionWaiter(counted, clock, Duration.ofHours(1));

    private Outcome outcome(ClaimedDelivery d, DeliveryStatus status) {
        return new Outcome(d, status, clock.instant(), status == DeliveryStatus.QUEUED ? clock.instant() : null,
                "test", null, null, true);
    }

    @Test
    void theWaiterWakesWhenTheLastDeliveryIsFinalAndReadsOnlyThen() {
        stores.apiKeys().ensureTenant(TENANT, "Default");
        NewNotification n = TestNotifications.aNotification(new IdGenerator(clock)).at(clock.instant())
                .to("ann", "bob").build();
        stores.notifications().save(TENANT, List.of(n));
        NotificationView accepted = stores.notifications().find(TENANT, n.notification().id()).orElseThrow();
        CompletableFuture<Optional<NotificationView>> waited = CompletableFuture.supplyAsync(() -> {
            try {
                return waiter.await(TENANT, accepted, Duration.ofHours(1));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        await().atMost(Duration.ofSeconds(30)).until(() -> reads.get() == 1);

        List<ClaimedDelivery> claimed = stores.queue().claim(Priority.NORMAL, 10, clock.instant(), LEASE, "w1");
        assertThat(claimed).hasSize(2);
        // As the outcome writer does: record, then report what was recorded.
        waiter.recorded(stores.queue().record(List.of(outcome(claimed.get(0), DeliveryStatus.SENT),
                outcome(claimed.get(1), DeliveryStatus.QUEUED))));
        List<ClaimedDelivery> retried = stores.queue().claim(Priority.NORMAL, 10, clock.instant(), LEASE, "w1");
        assertThat(retried).hasSize(1);
        waiter.recorded(stores.queue().record(List.of(outcome(retried.getFirst(), DeliveryStatus.FAILED))));

        await().atMost(Duration.ofSeconds(30)).until(waited::isDone);
        NotificationView done = waited.join().orElseThrow();
        assertThat(done.allFinal()).isTrue();
        assertThat(done.deliveries()).extracting(d -> d.status())
                .containsExactlyInAnyOrder(DeliveryStatus.SENT, DeliveryStatus.FAILED);
        assertThat(reads.get()).as("reads: one on starting, one when woken").isEqualTo(2);
    }
}
