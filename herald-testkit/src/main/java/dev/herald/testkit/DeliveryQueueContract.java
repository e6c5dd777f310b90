package dev.herald.testkit;

import dev.herald.core.channel.ChannelProvider;
import dev.herald.core.channel.UnsubscribeLinks;
import dev.herald.core.channel.ChannelProviders;
import dev.herald.core.channel.SendResult;
import dev.herald.core.model.ClaimedDelivery;
import dev.herald.core.dispatch.DeliveryLogContext;
import dev.herald.core.dispatch.DeliverySender;
import dev.herald.core.dispatch.DispatchSettings;
import dev.herald.core.dispatch.Dispatchers;
import dev.herald.core.dispatch.LaneSignals;
import dev.herald.core.dispatch.Outcome;
import dev.herald.core.dispatch.OutcomeRules;
import dev.herald.core.dispatch.OutcomeWriter;
import dev.herald.core.dispatch.RetryPolicy;
import dev.herald.core.model.Channel;
import dev.herald.core.model.Priority;
import dev.herald.core.notification.NewNotification;
import dev.herald.core.model.DeliveryStatus;
import dev.herald.core.notification.DeliveryView;
import dev.herald.core.channel.DeadAddresses;
import dev.herald.core.dedup.ContentDedup;
import dev.herald.core.limits.UserChannelLimits;
import dev.herald.core.preferences.OptOuts;
import dev.herald.core.tenancy.SuspendedTenants;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.random.RandomGenerator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** What every {@link dev.herald.core.dispatch.DeliveryQueue} must do, including under concurrent dispatchers. */
public abstract class DeliveryQueueContract extends StoreContract {
    private static final Duration LEASE = Duration.ofSeconds(30);

    private NewNotification saved(Priority priority, String... users) {
        NewNotification n = aNotification().priority(priority).to(users).build();
        stores.notifications().save(TENANT, List.of(n));
        return n;
    }

    private DeliveryView delivery(NewNotification n) {
        return stores.notifications().find(TENANT, n.notification().id()).orElseThrow().deliveries().getFirst();
    }

    private Outcome sent(ClaimedDelivery d) {
        return Outcome.sent(d, clock.instant(), "test", "msg-1", null);
    }

    @Test
    void claimsOnlyDueDeliveriesOfItsLane() {
        NewNotification low = saved(Priority.LOW);
        saved(Priority.CRITICAL);

        List<ClaimedDelivery> claimed = stores.queue().claim(Priority.LOW, 10, clock.instant(), LEASE, "w1");

        assertThat(claimed).extracting(ClaimedDelivery::id).containsExactly(low.deliveries().getFirst().id());
        assertThat(claimed.getFirst().attempt()).isEqualTo(1);
        assertThat(claimed.getFirst().message().text()).isEqualTo("Hello user-1");
        assertThat(claimed.getFirst().tenant()).isEqualTo(TENANT);
        assertThat(delivery(low).status()).isEqualTo(DeliveryStatus.SENDING);
    }

    @Test
    void aClaimSaysWhetherTheTypeWasCriticalNotWhatLaneItTook() {
        stores.notifications().save(TENANT, List.of(aNotification().priority(Priority.CRITICAL).critical().to("a")
                .build(), aNotification().priority(Priority.CRITICAL).to("b").build()));

        List<ClaimedDelivery> claimed = stores.queue().claim(Priority.CRITICAL, 10, clock.instant(),
                Duration.ofSeconds(30), "w");

        assertThat(claimed).extracting(ClaimedDelivery::userId, ClaimedDelivery::critical)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("a", true),
                        org.assertj.core.groups.Tuple.tuple("b", false));
    }

    @Test
    void claimsOldestDueFirstAndRespectsTheBatchSize() {
        NewNotification older = saved(Priority.NORMAL);
        clock.advance(Duration.ofSeconds(1));
        saved(Priority.NORMAL);

        assertThat(stores.queue().claim(Priority.NORMAL, 1, clock.instant(), LEASE, "w1"))
                .extracting(ClaimedDelivery::id).containsExactly(older.deliveries().getFirst().id());
    }

    @Test
    void aLeasedDeliveryIsNotClaimedAgainUntilTheLeaseRunsOut() {
        saved(Priority.NORMAL);
        stores.queue().claim(Priority.NORMAL, 10, clock.instant(), LEASE, "w1");

        clock.advance(LEASE.minusSeconds(1));
        assertThat(stores.queue().claim(Priority.NORMAL, 10, clock.instant(), LEASE, "w2")).isEmpty();

        clock.advance(Duration.ofSeconds(1));
        List<ClaimedDelivery> again = stores.queue().claim(Priority.NORMAL, 10, clock.instant(), LEASE, "w2");
        assertThat(again).hasSize(1);
        assertThat(again.getFirst().attempt()).isEqualTo(2);
    }

    @Test
    void aDeferralGivesTheAttemptBack() {
        saved(Priority.NORMAL);
        ClaimedDelivery first = stores.queue().claim(Priority.NORMAL, 10, clock.instant(), LEASE, "w1").getFirst();

        assertThat(stores.queue().record(List.of(Outcome.deferredTo(first, clock.instant(),
                clock.instant().plusSeconds(2), "twilio", "deferred: twilio at its rate limit"))))
                .hasSize(1);
        clock.advance(Duration.ofSeconds(2));
        ClaimedDelivery again = stores.queue().claim(Priority.NORMAL, 10, clock.instant(), LEASE, "w1").getFirst();

        assertThat(again.id()).isEqualTo(first.id());
        assertThat(again.attempt()).isEqualTo(first.attempt());
        // Same attempt number, yet a different claim: an answer from the first claim would be refused.
        assertThat(stores.queue().record(List.of(Outcome.notSent(first, DeliveryStatus.FAILED, clock.instant(),
                "twilio", "late")))).isEmpty();
        // The stale claim's fence still holds: the row is SENDING under the new claim, not the old one's.
        assertThat(stores.queue().record(List.of(sent(again)))).hasSize(1);
    }

    @Test
    void aSentDeliveryLeavesTheQueueAndItsHistoryShowsIt() {
        NewNotification n = saved(Priority.NORMAL);
        ClaimedDelivery d = stores.queue().claim(Priority.NORMAL, 10, clock.instant(), LEASE, "w1").getFirst();

        assertThat(stores.queue().record(List.of(sent(d)))).hasSize(1);

        clock.advance(Duration.ofHours(1));
        assertThat(stores.queue().claim(Priority.NORMAL, 10, clock.instant(), LEASE, "w1")).isEmpty();
        DeliveryView view = delivery(n);
        assertThat(view.status()).isEqualTo(DeliveryStatus.SENT);
        assertThat(view.provider()).isEqualTo("test");
        assertThat(view.providerMessageId()).isEqualTo("msg-1");
        assertThat(view.history()).extracting(h -> h.status())
                .containsExactly(DeliveryStatus.QUEUED, DeliveryStatus.SENT);
    }

    @Test
    void aRetryGoesBackToTheQueueAtItsDueTime() {
        NewNotification n = saved(Priority.NORMAL);
        ClaimedDelivery d = stores.queue().claim(Priority.NORMAL, 10, clock.instant(), LEASE, "w1").getFirst();

        stores.queue().record(List.of(Outcome.retryAt(d, clock.instant(), clock.instant().plusSeconds(5), "test",
                "503 from provider")));

        assertThat(delivery(n).lastError()).isEqualTo("503 from provider");
        clock.advance(Duration.ofSeconds(4));
        assertThat(stores.queue().claim(Priority.NORMAL, 10, clock.instant(), LEASE, "w1")).isEmpty();
        clock.advance(Duration.ofSeconds(1));
        assertThat(stores.queue().claim(Priority.NORMAL, 10, clock.instant(), LEASE, "w1"))
                .extracting(ClaimedDelivery::attempt).containsExactly(2);
    }

    @Test
    void whatAProviderAnsweredIsStoredEvenWithNulBytesControlCharactersAndExcessLength() {
        NewNotification n = saved(Priority.NORMAL);
        ClaimedDelivery d = stores.queue().claim(Priority.NORMAL, 10, clock.instant(), LEASE, "w1").getFirst();
        String hostileId = "id\u0000" + "x".repeat(400);
        String hostileAnswer = "HTTP 400: bad\u0000 request\u001b[31m " + "\uD83D\uDE00".repeat(600);

        assertThat(stores.queue().record(List.of(new Outcome(d, DeliveryStatus.QUEUED, clock.instant(),
                clock.instant().plusSeconds(1), "webhook\u0000", hostileId, hostileAnswer, true)))).hasSize(1);

        DeliveryView view = delivery(n);
        assertThat(view.status()).isEqualTo(DeliveryStatus.QUEUED);
        assertThat(view.lastError()).startsWith("HTTP 400: bad request[31m ").doesNotContain("\u0000", "\u001b")
                .hasSizeLessThanOrEqualTo(1000).endsWith("...");
        // Cut between characters, never inside a surrogate pair.
        assertThat(Character.isHighSurrogate(view.lastError().charAt(view.lastError().length() - 4))).isFalse();
        assertThat(view.history().getLast().detail()).isEqualTo(view.lastError());
    }

    @Test
    void anOutcomeFromALostLeaseIsIgnored() {
        NewNotification n = saved(Priority.NORMAL);
        ClaimedDelivery stale = stores.queue().claim(Priority.NORMAL, 10, clock.instant(), LEASE, "w1").getFirst();
        clock.advance(LEASE);
        ClaimedDelivery current = stores.queue().claim(Priority.NORMAL, 10, clock.instant(), LEASE, "w2").getFirst();

        assertThat(stores.queue().record(List.of(Outcome.notSent(stale, DeliveryStatus.FAILED, clock.instant(),
                "test", "late")))).isEmpty();
        assertThat(stores.queue().record(List.of(sent(current)))).hasSize(1);

        assertThat(delivery(n).status()).isEqualTo(DeliveryStatus.SENT);
    }

    @Test
    void concurrentDispatchersNeverClaimTheSameDelivery() throws Exception {
        List<NewNotification> batch = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            batch.add(aNotification().to("u" + i).build());
        }
        stores.notifications().save(TENANT, batch);
        Set<UUID> all = new HashSet<>();
        batch.forEach(n -> n.deliveries().forEach(d -> all.add(d.id())));

        int workers = 4;
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<List<UUID>>> claims = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            String worker = "w" + w;
            claims.add(pool.submit(() -> {
                start.await();
                List<UUID> mine = new ArrayList<>();
                List<ClaimedDelivery> got;
                do {
                    got = stores.queue().claim(Priority.NORMAL, 25, clock.instant(), LEASE, worker);
                    got.forEach(d -> mine.add(d.id()));
                } while (!got.isEmpty());
                return mine;
            }));
        }
        start.countDown();
        List<UUID> claimed = new ArrayList<>();
        for (Future<List<UUID>> f : claims) {
            claimed.addAll(f.get());
        }
        pool.shutdown();

        assertThat(claimed).doesNotHaveDuplicates();
        assertThat(new HashSet<>(claimed)).isEqualTo(all);
    }

    @Test
    void twoDispatchersSendEveryDeliveryExactlyOnce() {
        List<NewNotification> batch = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            batch.add(aNotification().priority(i % 2 == 0 ? Priority.NORMAL : Priority.LOW).to("u" + i).build());
        }
        stores.notifications().save(TENANT, batch);
        RecordingProvider sharedEmail = new RecordingProvider(Channel.EMAIL);
        Dispatchers first = dispatchers(sharedEmail, "worker-a");
        Dispatchers second = dispatchers(sharedEmail, "worker-b");
        first.start();
        second.start();
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> sharedEmail.received().size() >= 300
                    && batch.stream().allMatch(n -> delivery(n).status() == DeliveryStatus.SENT));
        } finally {
            first.stop(Duration.ofSeconds(5));
            second.stop(Duration.ofSeconds(5));
        }

        assertThat(sharedEmail.received()).extracting(m -> m.deliveryId()).doesNotHaveDuplicates().hasSize(300);
    }

    @Test
    void aDispatcherThatDiedMidFlightDoesNotLoseTheDelivery() {
        NewNotification n = saved(Priority.HIGH);
        // A worker claims and dies before recording anything: its lease is simply abandoned.
        stores.queue().claim(Priority.HIGH, 10, clock.instant(), LEASE, "dead-worker");
        clock.advance(LEASE.plusSeconds(1));

        RecordingProvider email = new RecordingProvider(Channel.EMAIL);
        Dispatchers survivor = dispatchers(email);
        survivor.start();
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> delivery(n).status() == DeliveryStatus.SENT);
        } finally {
            survivor.stop(Duration.ofSeconds(5));
        }

        assertThat(email.received()).extracting(m -> m.deliveryId()).containsExactly(n.deliveries().getFirst().id());
        assertThat(delivery(n).attempts()).isEqualTo(2);
    }

    @Test
    void dispatchersSendEveryLaneAndRecordRejections() {
        NewNotification critical = saved(Priority.CRITICAL);
        NewNotification low = saved(Priority.LOW);
        RecordingProvider email = new RecordingProvider(Channel.EMAIL)
                .answering(m -> m.deliveryId().equals(low.deliveries().getFirst().id())
                        ? new SendResult.Rejected("recording", "mailbox does not exist", true)
                        : new SendResult.Sent("recording", "id-1"));
        Dispatchers dispatchers = dispatchers(email);
        dispatchers.start();
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> delivery(critical).status() == DeliveryStatus.SENT
                    && delivery(low).status() == DeliveryStatus.FAILED);
        } finally {
            dispatchers.stop(Duration.ofSeconds(5));
        }
        assertThat(delivery(low).lastError()).isEqualTo("mailbox does not exist");
    }

    @Test
    void dispatchersCanBeStoppedAndStartedAgain() {
        RecordingProvider email = new RecordingProvider(Channel.EMAIL);
        Dispatchers dispatchers = dispatchers(email);
        dispatchers.start();
        dispatchers.stop(Duration.ofSeconds(5));
        NewNotification n = saved(Priority.NORMAL);

        dispatchers.start();
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> delivery(n).status() == DeliveryStatus.SENT);
        } finally {
            dispatchers.stop(Duration.ofSeconds(5));
        }
    }

    private Dispatchers dispatchers(RecordingProvider email) {
        return dispatchers(email, "survivor");
    }

    private Dispatchers dispatchers(RecordingProvider email, String workerId) {
        List<ChannelProvider> providers = new ArrayList<>();
        providers.add(email);
        Arrays.stream(Channel.values()).filter(c -> c != Channel.EMAIL)
                .forEach(c -> providers.add(new RecordingProvider(c)));
        LaneSignals signals = new LaneSignals();
        OutcomeWriter writer = new OutcomeWriter(stores.queue(), List.of(), 100);
        DeliverySender sender = new DeliverySender(new ChannelProviders(providers),
                new OutcomeRules(RetryPolicy.defaults(), RandomGenerator.getDefault()), writer, clock, DeadAddresses.IGNORE,
                UserChannelLimits.none(), ContentDedup.off(), OptOuts.NONE, DeliveryLogContext.NONE,
                SuspendedTenants.NONE, UnsubscribeLinks.NONE);
        return new Dispatchers(stores.queue(), sender, writer, signals, DispatchSettings.defaults(workerId), clock);
    }
}
