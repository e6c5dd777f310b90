package dev.herald.testkit;

import dev.herald.core.dispatch.ClaimedDelivery;
import dev.herald.core.dispatch.Outcome;
import dev.herald.core.model.Priority;
import dev.herald.core.notification.NewNotification;
import dev.herald.core.tracking.DeliveryStatus;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** The same content to the same address goes out once per window, even when the copies race. */
public abstract class DedupGuardContract extends StoreContract {
    private static final Duration WINDOW = Duration.ofMinutes(10);
    private static final String HASH = "a".repeat(64);

    @Test
    void theFirstClaimWinsAndRepeatsNameIt() {
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();

        assertThat(stores.dedup().claim(TENANT, HASH, first, WINDOW, clock.instant())).isEmpty();
        assertThat(stores.dedup().claim(TENANT, HASH, second, WINDOW, clock.instant())).contains(first);
        // Sent again after a lost lease: never a duplicate of itself.
        assertThat(stores.dedup().claim(TENANT, HASH, first, WINDOW, clock.instant())).isEmpty();
        // Another tenant's identical content is its own.
        assertThat(stores.dedup().claim(OTHER_TENANT, HASH, second, WINDOW, clock.instant())).isEmpty();
    }

    @Test
    void afterTheWindowTheContentMayGoAgain() {
        UUID first = UUID.randomUUID();
        stores.dedup().claim(TENANT, HASH, first, WINDOW, clock.instant());

        clock.advance(WINDOW);
        UUID later = UUID.randomUUID();

        assertThat(stores.dedup().claim(TENANT, HASH, later, WINDOW, clock.instant())).isEmpty();
        assertThat(stores.dedup().claim(TENANT, HASH, UUID.randomUUID(), WINDOW, clock.instant())).contains(later);
    }

    @Test
    void aHolderThatReachedNobodyLetsTheNextOneThrough() {
        NewNotification n = aNotification().to("ann").build();
        stores.notifications().save(TENANT, List.of(n));
        ClaimedDelivery failed = stores.queue().claim(Priority.NORMAL, 1, clock.instant(), Duration.ofSeconds(30), "w")
                .getFirst();
        assertThat(stores.dedup().claim(TENANT, HASH, failed.id(), WINDOW, clock.instant())).isEmpty();
        stores.queue().record(List.of(new Outcome(failed, DeliveryStatus.FAILED, clock.instant(), null, "smtp", null,
                "550 mailbox unavailable")));

        UUID next = UUID.randomUUID();
        assertThat(stores.dedup().claim(TENANT, HASH, next, WINDOW, clock.instant())).isEmpty();
    }

    @Test
    void suppressedDuplicatesAreCountedPerChannelAndDay() {
        java.time.LocalDate today = java.time.LocalDate.of(2026, 3, 1);
        stores.dedup().countSuppressed(TENANT, dev.herald.core.model.Channel.SMS, today);
        stores.dedup().countSuppressed(TENANT, dev.herald.core.model.Channel.SMS, today);
        stores.dedup().countSuppressed(TENANT, dev.herald.core.model.Channel.SMS, today.minusDays(3));
        stores.dedup().countSuppressed(TENANT, dev.herald.core.model.Channel.EMAIL, today);
        stores.dedup().countSuppressed(OTHER_TENANT, dev.herald.core.model.Channel.SMS, today);

        assertThat(stores.dedup().suppressedSince(TENANT, today)).containsExactlyInAnyOrderEntriesOf(java.util.Map.of(
                dev.herald.core.model.Channel.SMS, 2L, dev.herald.core.model.Channel.EMAIL, 1L));
        assertThat(stores.dedup().suppressedSince(TENANT, today.minusDays(7)))
                .containsEntry(dev.herald.core.model.Channel.SMS, 3L);
    }

    @Test
    void ofTwentyRacingCopiesExactlyOneGoes() throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Optional<UUID>>> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            for (int i = 0; i < 20; i++) {
                UUID id = UUID.randomUUID();
                results.add(pool.submit(() -> {
                    start.await();
                    return stores.dedup().claim(TENANT, HASH, id, WINDOW, clock.instant());
                }));
            }
            start.countDown();
            int through = 0;
            for (Future<Optional<UUID>> result : results) {
                if (result.get().isEmpty()) {
                    through++;
                }
            }
            assertThat(through).isEqualTo(1);
        }
    }
}
