package dev.herald.core.dispatch;

import dev.herald.core.model.Priority;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The bulk lanes shrink to their floor while an urgent lane has work, and get their share back once it is idle. */
class LaneShareTest {
    private final LaneSignals signals = new LaneSignals();
    private final LaneShare share = new LaneShare(settings(4), signals);

    private static DispatchSettings settings(int yieldSlots) {
        Map<Priority, Integer> concurrency = new EnumMap<>(Priority.class);
        concurrency.put(Priority.CRITICAL, 32);
        concurrency.put(Priority.HIGH, 64);
        concurrency.put(Priority.NORMAL, 128);
        concurrency.put(Priority.LOW, 64);
        return new DispatchSettings(200, Duration.ofSeconds(30), Duration.ofMillis(10), Duration.ofSeconds(1),
                concurrency, yieldSlots, "w");
    }

    @Test
    void withNoUrgentWorkEveryLaneHasItsFullShare() {
        assertThat(share.urgentBusy()).isFalse();
        assertThat(share.room(Priority.LOW)).isEqualTo(64);
        assertThat(share.room(Priority.NORMAL)).isEqualTo(128);
        assertThat(share.room(Priority.CRITICAL)).isEqualTo(32);
    }

    @Test
    void lowShrinksFromTheWakeUpOfCriticalUntilItsLastSendIsDoneThenRecovers() throws InterruptedException {
        share.claimed(Priority.LOW, 50);
        assertThat(share.room(Priority.LOW)).isEqualTo(14);

        // Intake committed a CRITICAL notification: its dispatcher has not claimed it yet.
        signals.wake(Priority.CRITICAL);
        assertThat(share.limit(Priority.LOW)).isEqualTo(4);
        assertThat(share.room(Priority.LOW)).as("50 in flight, over the floor: no new LOW claims").isZero();
        assertThat(share.room(Priority.NORMAL)).isEqualTo(4);
        assertThat(share.room(Priority.CRITICAL)).as("urgent lanes never shrink").isEqualTo(32);

        // The dispatcher takes the wake-up and claims it; it is in flight.
        signals.await(Priority.CRITICAL, Duration.ZERO);
        share.woken(Priority.CRITICAL);
        assertThat(share.limit(Priority.LOW)).isEqualTo(4);
        share.claimed(Priority.CRITICAL, 1);
        share.claimed(Priority.CRITICAL, 0);
        assertThat(share.urgentBusy()).as("its send is still in flight").isTrue();

        // LOW's earlier sends finish meanwhile; it may refill only up to the floor.
        for (int i = 0; i < 48; i++) {
            share.finished(Priority.LOW);
        }
        assertThat(share.room(Priority.LOW)).isEqualTo(2);

        share.finished(Priority.CRITICAL);
        assertThat(share.urgentBusy()).isFalse();
        assertThat(share.limit(Priority.LOW)).isEqualTo(64);
        assertThat(share.room(Priority.LOW)).isEqualTo(62);
    }

    @Test
    void anUrgentLaneWhoseClaimFoundWorkKeepsTheBulkLanesSmallUntilAClaimComesBackEmpty() {
        share.claimed(Priority.HIGH, 3);
        for (int i = 0; i < 3; i++) {
            share.finished(Priority.HIGH);
        }
        assertThat(share.room(Priority.LOW)).as("HIGH's last claim was full: more may be waiting").isEqualTo(4);

        share.claimed(Priority.HIGH, 0);
        assertThat(share.room(Priority.LOW)).isEqualTo(64);
    }

    @Test
    void aFloorAtOrAboveALanesShareLeavesThatLaneAlone() {
        LaneShare generous = new LaneShare(settings(100), signals);
        generous.claimed(Priority.CRITICAL, 1);
        assertThat(generous.limit(Priority.LOW)).isEqualTo(64);
        assertThat(generous.limit(Priority.NORMAL)).isEqualTo(100);
    }

    @Test
    void theFloorIsAtLeastOneSoBulkWorkAlwaysMoves() {
        assertThatThrownBy(() -> settings(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("yieldSlots");
    }
}
