package dev.herald.core.intake;

import dev.herald.core.clock.SettableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Bulk batches are accepted a few at a time only while urgent notifications are arriving. */
class BulkIntakeGateTest {
    private final SettableClock clock = new SettableClock(Instant.parse("2026-03-01T09:00:00Z"));
    private final BulkIntakeGate gate = new BulkIntakeGate(clock, Duration.ofSeconds(1), 1);

    @Test
    void withNoUrgentTrafficBulkBatchesRunAtOnce() throws Exception {
        CountDownLatch inside = new CountDownLatch(2);
        CountDownLatch leave = new CountDownLatch(1);
        Thread first = Thread.ofVirtual().start(() -> gate.bulk(() -> hold(inside, leave)));
        Thread second = Thread.ofVirtual().start(() -> gate.bulk(() -> hold(inside, leave)));

        // Both are inside although the gate has one permit: it is not yielding.
        assertThat(inside.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        leave.countDown();
        first.join();
        second.join();
    }

    @Test
    void afterAnUrgentArrivalBulkBatchesTakeTurnsUntilTheLingerRunsOut() throws Exception {
        gate.urgentArrived();
        assertThat(gate.yielding()).isTrue();

        CountDownLatch firstInside = new CountDownLatch(1);
        CountDownLatch leave = new CountDownLatch(1);
        AtomicInteger done = new AtomicInteger();
        Thread first = Thread.ofVirtual().start(() -> {
            gate.bulk(() -> hold(firstInside, leave));
            done.incrementAndGet();
        });
        firstInside.await();
        Thread second = Thread.ofVirtual().start(() -> {
            gate.bulk(() -> 1);
            done.incrementAndGet();
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> gate.waiting() == 1);
        assertThat(done).hasValue(0);

        leave.countDown();
        first.join();
        second.join();
        assertThat(done).hasValue(2);

        clock.advance(Duration.ofMillis(999));
        assertThat(gate.yielding()).isTrue();
        clock.advance(Duration.ofMillis(1));
        assertThat(gate.yielding()).as("a second after the last urgent arrival").isFalse();
    }

    @Test
    void anOpenGateNeverYields() {
        BulkIntakeGate open = BulkIntakeGate.open(clock);
        open.urgentArrived();
        assertThat(open.yielding()).isFalse();
    }

    @Test
    void bulkBatchesAlwaysGetAtLeastOnePermit() {
        assertThatThrownBy(() -> new BulkIntakeGate(clock, Duration.ofSeconds(1), 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bulkPermits");
    }

    private static int hold(CountDownLatch inside, CountDownLatch leave) {
        inside.countDown();
        try {
            leave.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 1;
    }
}
