package dev.herald.testkit;

import dev.herald.core.dedup.DedupGuard;
import dev.herald.core.model.ClaimedDelivery;
import dev.herald.core.dispatch.Outcome;
import dev.herald.core.model.Priority;
import dev.herald.core.notification.NewNotification;
import dev.herald.core.model.DeliveryStatus;
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
import dev.herald.core.model.Channel;
import java.time.LocalDate;
import java.util.Map;

/** The same content to the same address goes out once per window, even when the copies race. */
public abstract class DedupGuardContract extends StoreContract {
    private static final Duration WINDOW = Duration.ofMinutes(10);
    private static final String HASH = "a".repeat(64);

    private static final DedupGuard.Claim CLEAR = new DedupGuard.Claim.Clear();

    /** A delivery that got through: saved, claimed by a dispatcher and recorded SENT. */
    private UUID sent() {
        NewNotification n = aNotification().to("ann").build();
        stores.notifications().save(TENANT, List.of(n));
        ClaimedDelivery d = stores.queue().claim(Priority.NORMAL, 1, clock.instant(), Duration.ofSeconds(30), "w")
                .getFirst();
        stores.queue().record(List.of(Outcome.sent(d, clock.instant(), "smtp", "m", null)));
        return d.id();
    }

    @Test
    void aRepeatOfADeliveredMessageIsADuplicateAndOfOneOnItsWayIsPending() {
        UUID first = sent();
        assertThat(stores.dedup().claim(TENANT, HASH, first, WINDOW, clock.instant())).isEqualTo(CLEAR);

        assertThat(stores.dedup().claim(TENANT, HASH, UUID.randomUUID(), WINDOW, clock.instant()))
                .isEqualTo(new DedupGuard.Claim.Duplicate(first));
        // Sent again after a lost lease: never a duplicate of itself.
        assertThat(stores.dedup().claim(TENANT, HASH, first, WINDOW, clock.instant())).isEqualTo(CLEAR);
        // Another tenant's identical content is its own.
        assertThat(stores.dedup().claim(OTHER_TENANT, HASH, UUID.randomUUID(), WINDOW, clock.instant()))
                .isEqualTo(CLEAR);

        NewNotification queued = aNotification().to("bob").build();
        stores.notifications().save(TENANT, List.of(queued));
        UUID onItsWay = queued.deliveries().getFirst().id();
        String other = "b".repeat(64);
        assertThat(stores.dedup().claim(TENANT, other, onItsWay, WINDOW, clock.instant())).isEqualTo(CLEAR);
        assertThat(stores.dedup().claim(TENANT, other, UUID.randomUUID(), WINDOW, clock.instant()))
                .isEqualTo(new DedupGuard.Claim.Pending(onItsWay));
    }

    @Test
    void afterTheWindowTheContentMayGoAgain() {
        UUID first = sent();
        stores.dedup().claim(TENANT, HASH, first, WINDOW, clock.instant());

        clock.advance(WINDOW);
        UUID later = UUID.randomUUID();

        assertThat(stores.dedup().claim(TENANT, HASH, later, WINDOW, clock.instant())).isEqualTo(CLEAR);
    }

    @Test
    void aHolderThatReachedNobodyLetsTheNextOneThrough() {
        NewNotification n = aNotification().to("ann").build();
        stores.notifications().save(TENANT, List.of(n));
        ClaimedDelivery failed = stores.queue().claim(Priority.NORMAL, 1, clock.instant(), Duration.ofSeconds(30), "w")
                .getFirst();
        assertThat(stores.dedup().claim(TENANT, HASH, failed.id(), WINDOW, clock.instant())).isEqualTo(CLEAR);
        stores.queue().record(List.of(Outcome.notSent(failed, DeliveryStatus.FAILED, clock.instant(), "smtp",
                "550 mailbox unavailable")));

        UUID next = UUID.randomUUID();
        assertThat(stores.dedup().claim(TENANT, HASH, next, WINDOW, clock.instant())).isEqualTo(CLEAR);
    }

    @Test
    void suppressedDuplicatesAreCountedPerChannelAndDay() {
        LocalDate today = LocalDate.of(2026, 3, 1);
        stores.dedup().countSuppressed(TENANT, Channel.SMS, today);
        stores.dedup().countSuppressed(TENANT, Channel.SMS, today);
        stores.dedup().countSuppressed(TENANT, Channel.SMS, today.minusDays(3));
        stores.dedup().countSuppressed(TENANT, Channel.EMAIL, today);
        stores.dedup().countSuppressed(OTHER_TENANT, Channel.SMS, today);

        assertThat(stores.dedup().suppressedSince(TENANT, today)).containsExactlyInAnyOrderEntriesOf(Map.of(
                Channel.SMS, 2L, Channel.EMAIL, 1L));
        assertThat(stores.dedup().suppressedSince(TENANT, today.minusDays(7)))
                .containsEntry(Channel.SMS, 3L);
    }

    @Test
    void ofTwentyRacingCopiesExactlyOneGoes() throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<DedupGuard.Claim>> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            NewNotification copies = aNotification().to("u1", "u2", "u3", "u4", "u5", "u6", "u7", "u8", "u9",
                    "u10", "u11", "u12", "u13", "u14", "u15", "u16", "u17", "u18", "u19", "u20").build();
            stores.notifications().save(TENANT, List.of(copies));
            for (int i = 0; i < 20; i++) {
                UUID id = copies.deliveries().get(i).id();
                results.add(pool.submit(() -> {
                    start.await();
                    return stores.dedup().claim(TENANT, HASH, id, WINDOW, clock.instant());
                }));
            }
            start.countDown();
            int through = 0;
            for (Future<DedupGuard.Claim> result : results) {
                if (result.get() instanceof DedupGuard.Claim.Clear) {
                    through++;
                }
            }
            assertThat(through).isEqualTo(1);
        }
    }

    private static DedupGuard.Request request(String hash, UUID deliveryId) {
        return new DedupGuard.Request(TENANT, hash, deliveryId, WINDOW);
    }

    @Test
    void aBatchOfClaimsAnswersAsTheClaimsOneAfterTheOther() {
        UUID delivered = sent();
        stores.dedup().claim(TENANT, HASH, delivered, WINDOW, clock.instant());
        NewNotification queued = aNotification().to("bob", "cid").build();
        stores.notifications().save(TENANT, List.of(queued));
        UUID onItsWay = queued.deliveries().get(0).id();
        UUID sameBatch = queued.deliveries().get(1).id();
        String fresh = "b".repeat(64);
        String other = "c".repeat(64);
        UUID repeat = UUID.randomUUID();

        List<DedupGuard.Claim> claims = stores.dedup().claimAll(List.of(
                request(fresh, onItsWay),          // nobody holds it
                request(HASH, repeat),             // a delivery that got through holds it
                request(HASH, delivered),          // its own holder, sent again
                request(fresh, sameBatch),         // taken by the first request of this very batch
                request(other, UUID.randomUUID())), clock.instant());

        assertThat(claims).containsExactly(CLEAR, new DedupGuard.Claim.Duplicate(delivered), CLEAR,
                new DedupGuard.Claim.Pending(onItsWay), CLEAR);
        // What the batch took is held, as if claimed one by one.
        assertThat(stores.dedup().claim(TENANT, fresh, UUID.randomUUID(), WINDOW, clock.instant()))
                .isEqualTo(new DedupGuard.Claim.Pending(onItsWay));
        assertThat(stores.dedup().claimAll(List.of(), clock.instant())).isEmpty();
    }

    @Test
    void ofRacingBatchesWithTheSameContentExactlyOneClaimGoes() throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<List<DedupGuard.Claim>>> results = new ArrayList<>();
        NewNotification copies = aNotification().to("u1", "u2", "u3", "u4", "u5", "u6", "u7", "u8", "u9",
                "u10", "u11", "u12", "u13", "u14", "u15", "u16", "u17", "u18", "u19", "u20").build();
        stores.notifications().save(TENANT, List.of(copies));
        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            for (int b = 0; b < 4; b++) {
                List<DedupGuard.Request> batch = new ArrayList<>();
                for (int i = 0; i < 5; i++) {
                    batch.add(request(HASH, copies.deliveries().get(b * 5 + i).id()));
                    batch.add(request(Integer.toString(b * 5 + i).repeat(64).substring(0, 64), UUID.randomUUID()));
                }
                results.add(pool.submit(() -> {
                    start.await();
                    return stores.dedup().claimAll(batch, clock.instant());
                }));
            }
            start.countDown();
            int through = 0;
            for (Future<List<DedupGuard.Claim>> result : results) {
                List<DedupGuard.Claim> claims = result.get();
                for (int i = 0; i < claims.size(); i += 2) {
                    through += claims.get(i) instanceof DedupGuard.Claim.Clear ? 1 : 0;
                    // Every distinct content goes.
                    assertThat(claims.get(i + 1)).isEqualTo(CLEAR);
                }
            }
            assertThat(through).isEqualTo(1);
        }
    }
}
