package dev.herald.jdbc;

import dev.herald.core.broadcast.Broadcast;
import dev.herald.core.broadcast.BroadcastTemplate;
import dev.herald.core.broadcast.PlannedChunk;
import dev.herald.core.clock.IdGenerator;
import dev.herald.core.clock.SettableClock;
import dev.herald.core.model.Channel;
import dev.herald.core.model.DeliveryStatus;
import dev.herald.core.model.Priority;
import dev.herald.core.model.TenantId;
import dev.herald.core.request.ContentSpec;
import dev.herald.testkit.EmbeddedPostgresExtension;
import dev.herald.testkit.PostgresDatabase;
import dev.herald.testkit.TestNotifications;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A broadcast's progress counts, read in slices of two notifications, one slice still moving counted again per read
 * (the one counted longest ago): slices whose deliveries are all final are reused until their reuse expires, the
 * moving ones take turns, the last one is counted every time; the sums are the deliveries' statuses. Final slices
 * counted by one read come due spread over the minute's second half, never all at once.
 */
@ExtendWith(EmbeddedPostgresExtension.class)
class BroadcastDeliveryCountsTest {
    private static final TenantId TENANT = TenantId.defaultTenant();
    private final SettableClock clock = new SettableClock(Instant.parse("2026-12-02T01:00:00Z"));
    private final IdGenerator ids = new IdGenerator(clock);

    @Test
    void onH2() {
        DataSource h2 = TestDatabases.emptyH2();
        movingSlicesTakeTurnsAndFinalOnesAreReusedForAMinute(h2);
    }

    @Test
    void onPostgres(PostgresDatabase postgres) {
        movingSlicesTakeTurnsAndFinalOnesAreReusedForAMinute(postgres.dataSource());
    }

    @Test
    void finalSlicesCountedTogetherComeDueAFewAtATimeAndAllWithinAMinute() {
        DataSource h2 = TestDatabases.emptyH2();
        Planned planned = plan(h2, 41, 100);
        JdbcBroadcastStore broadcasts = planned.broadcasts();
        UUID b = planned.broadcast().id();
        // Twenty full slices and a last one of one notification, all sent and counted by one read.
        planned.inOrder().forEach(n -> move(planned.jdbc(), n, "SENT"));
        assertThat(broadcasts.deliveries(TENANT, b)).containsExactlyEntriesOf(Map.of(DeliveryStatus.SENT, 41L));

        // Every receipt arrives at once; a poll a second shows them as each slice's reuse ends.
        planned.inOrder().forEach(n -> move(planned.jdbc(), n, "DELIVERED"));
        long shown = 0;
        for (int second = 1; second <= BroadcastDeliveryCounts.REUSE.toSeconds(); second++) {
            clock.advance(Duration.ofSeconds(1));
            long delivered = broadcasts.deliveries(TENANT, b).getOrDefault(DeliveryStatus.DELIVERED, 0L);
            assertThat(delivered - shown).as("recounted at second %d", second)
                    .isLessThanOrEqualTo(second == 1 ? 1 : 4);
            shown = delivered;
        }
        assertThat(shown).as("nothing older than a minute").isEqualTo(41);
    }

    private record Planned(JdbcBroadcastStore broadcasts, JdbcTemplate jdbc, Broadcast broadcast, List<UUID> inOrder) {
    }

    /**
     * A broadcast to {@code users} users planned in one chunk, counted in slices of two, one moving slice and
     * {@code newPerRead} never counted ones a read.
     */
    private Planned plan(DataSource dataSource, int users, int newPerRead) {
        JdbcStores stores = JdbcStores.open(dataSource, clock);
        stores.apiKeys().ensureTenant(TENANT, "Default");
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        TransactionTemplate tx = new TransactionTemplate(stores.transactions());
        tx.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
        JdbcBroadcastStore broadcasts = new JdbcBroadcastStore(jdbc, tx, stores.notifications(), stores.dialect(), clock, 2, 1,
                newPerRead);
        Broadcast b = Broadcast.accepted(ids.next(), TENANT, "news", new BroadcastTemplate("product.news",
                List.of(Channel.EMAIL), new ContentSpec("New", "Something new", null), Map.of(), null, null, null),
                null, null, users, clock.instant());
        broadcasts.create(b);
        broadcasts.claim("node-a", clock.instant(), clock.instant().plusSeconds(30));
        broadcasts.planChunk(b.id(), "node-a", new PlannedChunk(IntStream.rangeClosed(1, users).mapToObj(i -> "u" + i)
                .map(u -> new PlannedChunk.ForUser(u, TestNotifications.aNotification(ids).at(clock.instant())
                        .priority(Priority.LOW).to(u).build())).toList(), 0, users), true, clock.instant(),
                clock.instant().plusSeconds(30));
        List<UUID> inOrder = jdbc.queryForList("SELECT notification_id FROM broadcast_notification"
                + " WHERE broadcast_id = ? ORDER BY notification_id", UUID.class, b.id());
        return new Planned(broadcasts, jdbc, b, inOrder);
    }

    @Test
    void slicesNeverCountedAreCountedAFewAReadAndTheNotificationsAfterThemShowAsAccepted() {
        DataSource h2 = TestDatabases.emptyH2();
        neverCountedSlicesAreCountedAFewAtATime(h2);
    }

    @Test
    void slicesNeverCountedAreCountedAFewAReadOnPostgres(PostgresDatabase postgres) {
        neverCountedSlicesAreCountedAFewAtATime(postgres.dataSource());
    }

    /**
     * Eleven notifications in five slices of two and a last one, two never counted slices a read: a node that never
     * read the broadcast (just started, say) counts the whole of it over three reads, each answering at once, and
     * never shows it without pending deliveries before it has counted every one.
     */
    private void neverCountedSlicesAreCountedAFewAtATime(DataSource dataSource) {
        Planned planned = plan(dataSource, 11, 2);
        UUID b = planned.broadcast().id();
        planned.inOrder().forEach(n -> move(planned.jdbc(), n, "SENT"));
        JdbcBroadcastStore broadcasts = planned.broadcasts();

        assertThat(broadcasts.deliveries(TENANT, b))
                .containsExactlyInAnyOrderEntriesOf(Map.of(DeliveryStatus.SENT, 4L, DeliveryStatus.ACCEPTED, 7L));
        assertThat(broadcasts.deliveries(TENANT, b))
                .containsExactlyInAnyOrderEntriesOf(Map.of(DeliveryStatus.SENT, 8L, DeliveryStatus.ACCEPTED, 3L));
        assertThat(broadcasts.deliveries(TENANT, b)).containsExactlyEntriesOf(Map.of(DeliveryStatus.SENT, 11L));
        assertThat(broadcasts.deliveries(TENANT, b)).as("all counted: only the last slice is counted again")
                .containsExactlyEntriesOf(Map.of(DeliveryStatus.SENT, 11L));
    }

    private void movingSlicesTakeTurnsAndFinalOnesAreReusedForAMinute(DataSource dataSource) {
        Planned planned = plan(dataSource, 5, 100);
        JdbcBroadcastStore broadcasts = planned.broadcasts();
        JdbcTemplate jdbc = planned.jdbc();
        Broadcast b = planned.broadcast();
        List<UUID> inOrder = planned.inOrder();
        assertThat(broadcasts.deliveries(TENANT, b.id())).containsExactlyEntriesOf(Map.of(DeliveryStatus.QUEUED, 5L));

        // The first two slices are sent, the fifth notification (the last slice) is not. One moving slice is counted
        // again per read, the one counted longest ago: the first, then (a second later) the second.
        inOrder.subList(0, 4).forEach(n -> move(jdbc, n, "SENT"));
        assertThat(broadcasts.deliveries(TENANT, b.id()))
                .containsExactlyInAnyOrderEntriesOf(Map.of(DeliveryStatus.SENT, 2L, DeliveryStatus.QUEUED, 3L));
        clock.advance(Duration.ofSeconds(1));
        assertThat(broadcasts.deliveries(TENANT, b.id()))
                .containsExactlyInAnyOrderEntriesOf(Map.of(DeliveryStatus.SENT, 4L, DeliveryStatus.QUEUED, 1L));

        // A receipt moves a delivery of a final slice: its reused counts show it once their minute is over. The last
        // slice is counted on every read.
        move(jdbc, inOrder.getFirst(), "DELIVERED");
        move(jdbc, inOrder.get(4), "SENT");
        clock.advance(Duration.ofSeconds(1));
        assertThat(broadcasts.deliveries(TENANT, b.id())).containsExactlyEntriesOf(Map.of(DeliveryStatus.SENT, 5L));
        clock.advance(BroadcastDeliveryCounts.REUSE);
        assertThat(broadcasts.deliveries(TENANT, b.id()))
                .containsExactlyInAnyOrderEntriesOf(Map.of(DeliveryStatus.SENT, 4L, DeliveryStatus.DELIVERED, 1L));

        assertThat(broadcasts.deliveries(new TenantId("other"), b.id())).isEmpty();
    }

    private static void move(JdbcTemplate jdbc, UUID notification, String status) {
        jdbc.update("UPDATE delivery SET status = ?, due_at = NULL WHERE notification_id = ?", status, notification);
    }
}
