package dev.herald.testkit;

import dev.herald.core.dispatch.Outcome;
import dev.herald.core.model.ClaimedDelivery;
import dev.herald.core.model.Priority;
import dev.herald.core.model.TenantId;
import dev.herald.core.notification.NewNotification;
import dev.herald.core.stats.LaneLatencies;
import dev.herald.core.stats.LaneLatency;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Accept→sent p50/p95 per lane over the sent deliveries of the lane's latest notifications accepted today. */
public abstract class LaneLatenciesContract extends StoreContract {

    /** A notification on the lane, accepted now and sent {@code latency} later; the clock then moves a minute. */
    private void sentAfter(TenantId tenant, Priority lane, Duration latency) {
        NewNotification n = aNotification().tenant(tenant).priority(lane).build();
        stores.notifications().save(tenant, List.of(n));
        List<ClaimedDelivery> claimed = stores.queue().claim(lane, 10, clock.instant(), Duration.ofSeconds(30), "w");
        assertThat(claimed).hasSize(1);
        stores.queue().record(List.of(Outcome.sent(claimed.getFirst(), clock.instant().plus(latency), "smtp", "m",
                null)));
        clock.advance(Duration.ofMinutes(1));
    }

    @Test
    void percentilesPerLaneCountOnlyTodaysSendsOfTheTenant() {
        clock.set(T0.minus(Duration.ofDays(1)));
        sentAfter(TENANT, Priority.HIGH, Duration.ofMinutes(9));
        clock.set(T0);
        for (long millis : new long[]{300, 100, 1_000, 200}) {
            sentAfter(TENANT, Priority.HIGH, Duration.ofMillis(millis));
        }
        sentAfter(TENANT, Priority.NORMAL, Duration.ofSeconds(5));
        sentAfter(OTHER_TENANT, Priority.NORMAL, Duration.ofMinutes(3));
        stores.notifications().save(TENANT, List.of(aNotification().priority(Priority.LOW).build()));

        List<LaneLatency> today = stores.laneLatencies().today(TENANT, clock.instant());

        assertThat(today).containsExactly(
                new LaneLatency(Priority.CRITICAL, 0, null, null),
                new LaneLatency(Priority.HIGH, 4, 200L, 1_000L),
                new LaneLatency(Priority.NORMAL, 1, 5_000L, 5_000L),
                new LaneLatency(Priority.LOW, 0, null, null));
    }

    @Test
    void anotherTenantSeesOnlyItsOwnSends() {
        sentAfter(TENANT, Priority.CRITICAL, Duration.ofMillis(50));

        assertThat(stores.laneLatencies().today(OTHER_TENANT, clock.instant()))
                .allSatisfy(l -> assertThat(l.sample()).isZero());
        assertThat(stores.laneLatencies().today(TENANT, clock.instant()).getFirst())
                .isEqualTo(new LaneLatency(Priority.CRITICAL, 1, 50L, 50L));
    }

    @Test
    void theSampleIsTheLanesLatestThousandNotificationsSentOrNot() {
        sentAfter(TENANT, Priority.HIGH, Duration.ofSeconds(2));
        assertThat(stores.laneLatencies().today(TENANT, clock.instant()).get(1).sample()).isEqualTo(1);
        List<NewNotification> newer = new java.util.ArrayList<>();
        for (int i = 0; i < LaneLatencies.NOTIFICATIONS; i++) {
            newer.add(aNotification().priority(Priority.HIGH).build());
        }
        stores.notifications().save(TENANT, newer);

        // The send is now the 1,001st most recent notification of the lane: outside the sample.
        assertThat(stores.laneLatencies().today(TENANT, clock.instant()).get(1))
                .isEqualTo(new LaneLatency(Priority.HIGH, 0, null, null));
    }
}
