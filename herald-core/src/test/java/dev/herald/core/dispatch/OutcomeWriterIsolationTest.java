package dev.herald.core.dispatch;

import dev.herald.core.model.ClaimedDelivery;
import dev.herald.core.model.Channel;
import dev.herald.core.model.Message;
import dev.herald.core.model.Priority;
import dev.herald.core.model.TenantId;
import dev.herald.core.model.DeliveryStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** One outcome the store refuses never holds up the others; a store that is down holds up everything, briefly. */
class OutcomeWriterIsolationTest {
    private static final Instant NOW = Instant.parse("2026-03-01T09:00:00Z");

    /** A store that commits a group in one go, or refuses the whole group if any outcome in it is refused. */
    private static final class PickyStore implements DeliveryQueue {
        final Map<UUID, Outcome> committed = new ConcurrentHashMap<>();
        final AtomicInteger refusedGroups = new AtomicInteger();
        volatile Predicate<Outcome> refuses;

        PickyStore(Predicate<Outcome> refuses) {
            this.refuses = refuses;
        }

        @Override
        public List<ClaimedDelivery> claim(Priority lane, int max, Instant now, Duration lease, String workerId) {
            return List.of();
        }

        @Override
        public synchronized List<Outcome> record(List<Outcome> outcomes) {
            if (outcomes.stream().anyMatch(refuses)) {
                refusedGroups.incrementAndGet();
                throw new IllegalStateException("invalid byte sequence for encoding \"UTF8\": 0x00");
            }
            outcomes.forEach(o -> committed.put(o.delivery().id(), o));
            return outcomes;
        }
    }

    private final List<Outcome> heard = new ArrayList<>();
    private OutcomeWriter writer;

    @AfterEach
    void stop() throws InterruptedException {
        writer.stop(Duration.ofSeconds(5));
    }

    private OutcomeWriter start(PickyStore store) {
        writer = new OutcomeWriter(store, List.of(outcomes -> {
            synchronized (heard) {
                heard.addAll(outcomes);
            }
        }), 50);
        return writer;
    }

    private static Outcome sent(String providerAnswer) {
        ClaimedDelivery d = new ClaimedDelivery(UUID.randomUUID(), TenantId.defaultTenant(), UUID.randomUUID(), "t",
                Channel.WEBHOOK, Priority.NORMAL, null, "https://hooks.example.com/a", new Message("s", "b", null), 1,
                NOW, null, 1);
        return Outcome.sent(d, NOW, "webhook", "m-" + d.id(), providerAnswer);
    }

    private static boolean hasNul(Outcome o) {
        return (o.detail() != null && o.detail().indexOf('\0') >= 0)
                || (o.providerMessageId() != null && o.providerMessageId().indexOf('\0') >= 0);
    }

    @Test
    void aPoisonOutcomeIsSetAsideAndEveryOtherOutcomeOfItsGroupIsWritten() throws Exception {
        PickyStore store = new PickyStore(OutcomeWriterIsolationTest::hasNul);
        start(store);
        List<Outcome> outcomes = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            outcomes.add(sent(i == 7 ? "bad request\0" : "ok"));
        }
        List<CompletableFuture<Void>> written = new ArrayList<>();
        // Submitted before the writer starts, so all twenty travel in one group with the poison in it.
        outcomes.forEach(o -> written.add(writer.submit(o)));
        writer.start();

        CompletableFuture.allOf(written.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        assertThat(store.committed).hasSize(20);
        Outcome poison = store.committed.get(outcomes.get(7).delivery().id());
        assertThat(poison.status()).isEqualTo(DeliveryStatus.SENT);
        assertThat(poison.providerMessageId()).isNull();
        assertThat(poison.detail()).contains("could not be stored").doesNotContain("\0");
        for (int i = 0; i < 20; i++) {
            if (i != 7) {
                assertThat(store.committed.get(outcomes.get(i).delivery().id())).isEqualTo(outcomes.get(i));
            }
        }
        // Listeners hear a group just after its senders are freed: wait for them rather than race them.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            synchronized (heard) {
                assertThat(heard).hasSize(20);
            }
        });
    }

    @Test
    void anOutcomeTheStoreRefusesInEveryFormFreesItsSenderAndTheWriterGoesOn() throws Exception {
        Outcome doomed = sent("ok");
        PickyStore store = new PickyStore(o -> o.delivery().id().equals(doomed.delivery().id()));
        start(store).start();
        Outcome other = sent("ok");

        CompletableFuture<Void> first = writer.submit(doomed);
        CompletableFuture<Void> second = writer.submit(other);
        first.get(30, TimeUnit.SECONDS);
        second.get(30, TimeUnit.SECONDS);
        writer.submit(sent("later")).get(30, TimeUnit.SECONDS);

        assertThat(store.committed).doesNotContainKey(doomed.delivery().id()).containsKey(other.delivery().id())
                .hasSize(2);
    }

    @Test
    void whileTheStoreIsDownNothingIsSetAsideAndEverythingIsWrittenWhenItIsBack() throws Exception {
        PickyStore store = new PickyStore(o -> true);
        start(store).start();
        List<Outcome> outcomes = List.of(sent("a"), sent("b"), sent("c"));
        List<CompletableFuture<Void>> written = outcomes.stream().map(writer::submit).toList();

        // Long enough to pass several rounds, including the ones after which a lone outcome would be set aside.
        while (store.refusedGroups.get() < 20) {
            Thread.sleep(20);
        }
        assertThat(written).noneMatch(CompletableFuture::isDone);
        store.refuses = o -> false;

        CompletableFuture.allOf(written.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        assertThat(store.committed.values()).containsExactlyInAnyOrderElementsOf(outcomes);
    }
}
