package dev.herald.server.security;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class AccessVersionTest {

    @Test
    void theStoredVersionIsReadAtMostOncePerPeriod() {
        AtomicInteger reads = new AtomicInteger();
        AccessVersion version = new AccessVersion(() -> {
            reads.incrementAndGet();
            return 7;
        }, Duration.ofHours(1));

        for (int i = 0; i < 1_000; i++) {
            assertThat(version.current()).isEqualTo(7);
        }

        assertThat(reads.get()).isEqualTo(1);
    }

    @Test
    void aMovedVersionIsSeenOnceThePeriodHasPassed() {
        AtomicLong stored = new AtomicLong(1);
        AccessVersion version = new AccessVersion(stored::get, Duration.ofMillis(50));
        assertThat(version.current()).isEqualTo(1);

        stored.set(2);

        await().atMost(Duration.ofSeconds(5)).until(() -> version.current() == 2);
    }

    @Test
    void aFailedReadKeepsTheVersionKnown() {
        AtomicLong stored = new AtomicLong(3);
        AtomicInteger failing = new AtomicInteger();
        AccessVersion version = new AccessVersion(() -> {
            if (failing.get() > 0) {
                throw new IllegalStateException("database down");
            }
            return stored.get();
        }, Duration.ZERO);
        assertThat(version.current()).isEqualTo(3);

        failing.set(1);

        assertThat(version.current()).isEqualTo(3);
    }
}
