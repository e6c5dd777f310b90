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
import org.h2.jdbcx.JdbcDataSource;
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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A broadcast's progress counts, read in slices of two notifications, one slice still moving counted again per read
 * (the one counted longest ago): slices whose deliveries are all final are reused until their reuse expires, the
 * moving ones take turns, the last one is counted every time; the sums are the deliveries' statuses.
 */
@ExtendWith(EmbeddedPostgresExtension.class)
class BroadcastDeliveryCountsTest {
    private static final TenantId TENANT = TenantId.defaultTenant();
    private final SettableClock clock = new SettableClock(Instant.parse("2026-12-02T01:00:00Z"));
    private final IdGenerator ids = new IdGenerator(clock);

    @Test
    void onH2() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:broadcast-counts-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        movingSlicesTakeTurnsAndFinalOnesAreReusedForAMinute(h2);
    }

    @Test
    void onPostgres(PostgresDatabase postgres) {
        movingSlicesTakeTurnsAndFinalOnesAreReusedForAMinute(postgres.dataSource());
    }

    private void movingSlicesTakeTurnsAndFinalOnesAreReusedForAMinute(DataSource dataSource) {
        JdbcStores stores = JdbcStores.open(dataSource, clock);
        stores.apiKeys().ensureTenant(TENANT, "Default");
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        TransactionTemplate tx = new TransactionTemplate(stores.transactions());
        tx.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
        JdbcBroadcastStore broadcasts = new JdbcBroadcastStore(jdbc, tx, stores.notifications(), clock, 2, 1);
        Broadcast b = Broadcast.accepted(ids.next(), TENANT, "news", new BroadcastTemplate("product.news",
                List.of(Channel.EMAIL), new ContentSpec("New", "Something new", null), Map.of(), null, null, null),
                null, null, 5, clock.instant());
        broadcasts.create(b);
        broadcasts.claim("node-a", clock.instant(), clock.instant().plusSeconds(30));
        broadcasts.planChunk(b.id(), "node-a", new PlannedChunk(List.of("u1", "u2", "u3", "u4", "u5").stream()
                .map(u -> new PlannedChunk.ForUser(u, TestNotifications.aNotification(ids).at(clock.instant())
                        .priority(Priority.LOW).to(u).build())).toList(), 0, 5), true, clock.instant(),
                clock.instant().plusSeconds(30));
        List<UUID> inOrder = jdbc.queryForList("SELECT notification_id FROM broadcast_notification"
                + " WHERE broadcast_id = ? ORDER BY notification_id", UUID.class, b.id());
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
