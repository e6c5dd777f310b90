package dev.herald.jdbc;

import dev.herald.core.model.TenantId;
import dev.herald.core.recipients.User;
import dev.herald.testkit.EmbeddedPostgresExtension;
import dev.herald.testkit.PostgresDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Looking users up by many ids stays one index probe per id on PostgreSQL even when the table's statistics say the
 * tenant has a handful of users and it has 200,000 (a table grown since it was last analysed, as after loading a
 * broadcast's audience): the plan is read with EXPLAIN for the statement the store runs.
 */
@ExtendWith(EmbeddedPostgresExtension.class)
class KeyedLookupPlanTest {
    private static final TenantId TENANT = new TenantId("plans");

    @Test
    void aLookupByIdsProbesTheIndexWhateverTheStatisticsSay(PostgresDatabase postgres) {
        JdbcStores stores = JdbcStores.open(postgres.dataSource(), Clock.systemUTC());
        JdbcTemplate jdbc = new JdbcTemplate(postgres.dataSource());
        stores.apiKeys().ensureTenant(TENANT, "Plans");
        jdbc.execute("ALTER TABLE app_user SET (autovacuum_enabled = false)");
        insertUsers(jdbc, 0, 1);
        jdbc.execute("ANALYZE app_user");
        insertUsers(jdbc, 1, 200_000);
        List<String> wanted = IntStream.range(0, 500).map(i -> i * 397).mapToObj(i -> "u" + i).toList();

        String sql = SqlDialect.POSTGRESQL.byKeys("u.*", "app_user", "u", "u.tenant_id = ? AND u.id = wanted.id");
        String plan = String.join("\n", jdbc.queryForList("EXPLAIN " + sql, String.class, Sql.keys(wanted),
                TENANT.value()));

        assertThat(plan).as(plan).contains("Nested Loop").contains("Index Scan using app_user_pkey")
                .doesNotContain("Hash").doesNotContain("Seq Scan").doesNotContain("Bitmap");
        Map<String, User> found = stores.users().findAll(TENANT, wanted);
        assertThat(found).hasSize(500);
        assertThat(found.get("u397").id()).isEqualTo("u397");
    }

    /** A broadcast's progress counts a slice of its notifications' deliveries by status. */
    @Test
    void countingDeliveriesByNotificationProbesTheIndexWhateverTheStatisticsSay(PostgresDatabase postgres) {
        JdbcStores.open(postgres.dataSource(), Clock.systemUTC());
        JdbcTemplate jdbc = new JdbcTemplate(postgres.dataSource());
        jdbc.execute("ALTER TABLE delivery SET (autovacuum_enabled = false)");
        jdbc.execute("ALTER TABLE notification SET (autovacuum_enabled = false)");
        insertDeliveries(jdbc, 0, 1);
        jdbc.execute("ANALYZE delivery");
        insertDeliveries(jdbc, 1, 50_000);
        Object[] slice = IntStream.range(0, 1000).map(i -> i * 47)
                .mapToObj(i -> jdbc.queryForObject("SELECT md5(?)::uuid", java.util.UUID.class, "n" + i))
                .toArray();

        String sql = SqlDialect.POSTGRESQL.byKeys(Sql.WANTED_IDS, "d.status, COUNT(*) AS n", "delivery", "d",
                "d.notification_id = wanted.id") + " GROUP BY d.status";
        String plan = String.join("\n", jdbc.queryForList("EXPLAIN " + sql, String.class,
                new SqlArrayValue("UUID", slice)));

        assertThat(plan).as(plan).contains("Nested Loop").contains("Index Scan using delivery_notification")
                .doesNotContain("Seq Scan").doesNotContain("Hash Join").doesNotContain("Merge Join");
        assertThat(jdbc.queryForObject("SELECT SUM(n) FROM (" + sql + ") c", Long.class,
                new SqlArrayValue("UUID", slice))).isEqualTo(1000);
    }

    /**
     * A broadcast's progress walks its notifications in slices of a thousand. Statistics taken while the table held
     * only earlier, small broadcasts make PostgreSQL expect a few hundred rows of the large new one, and the plain
     * statement then collects all 50,000 of them and sorts them for every slice; the walk reads the index in order
     * and stops at the thousandth.
     */
    @Test
    void aBroadcastsProgressWalksItsNotificationsInIndexOrderWhateverTheStatisticsSay(PostgresDatabase postgres) {
        JdbcStores stores = JdbcStores.open(postgres.dataSource(), Clock.systemUTC());
        JdbcTemplate jdbc = new JdbcTemplate(postgres.dataSource());
        jdbc.execute("ALTER TABLE broadcast_notification SET (autovacuum_enabled = false)");
        jdbc.update("INSERT INTO broadcast_notification (broadcast_id, user_id, notification_id, tenant_id)"
                + " SELECT md5('b' || b)::uuid, 'u' || u, md5('n' || b || '-' || u)::uuid, ? FROM generate_series(1, 300)"
                + " AS b, generate_series(1, 30) AS u", TENANT.value());
        jdbc.execute("ANALYZE broadcast_notification");
        UUID large = UUID.nameUUIDFromBytes("large".getBytes());
        jdbc.update("INSERT INTO broadcast_notification (broadcast_id, user_id, notification_id, tenant_id)"
                + " SELECT ?, 'u' || u, md5('large' || u)::uuid, ? FROM generate_series(1, 50000) AS u", large,
                TENANT.value());
        UUID first = new UUID(0, 0);
        String plain = String.join("\n", jdbc.queryForList("EXPLAIN SELECT notification_id FROM broadcast_notification"
                + " WHERE broadcast_id = ? AND notification_id > ? AND tenant_id = ?"
                + " ORDER BY broadcast_id, notification_id LIMIT 1000", String.class, large, first, TENANT.value()));
        assertThat(plain).as("the statistics mislead the plain statement: " + plain).contains("Sort");

        BroadcastDeliveryCounts counts = new BroadcastDeliveryCounts(JdbcClient.create(jdbc),
                new TransactionTemplate(stores.transactions()), SqlDialect.POSTGRESQL, Clock.systemUTC(), 1000, 25, 100);
        String walk = counts.planOfWalk(TENANT, large, first);

        assertThat(walk).as(walk).doesNotContain("Bitmap").doesNotContain("Sort")
                .containsPattern("Index Scan using broadcast_notification_order .*rows=1000(\\.00)? loops=1");
    }

    private static void insertDeliveries(JdbcTemplate jdbc, int from, int to) {
        jdbc.update("INSERT INTO notification (id, tenant_id, type, priority, created_at) "
                + "SELECT md5('n' || n)::uuid, ?, 'plan.count', 'LOW', now() FROM generate_series(?, ?) AS n",
                TENANT.value(), from, to - 1);
        jdbc.update("INSERT INTO delivery (id, tenant_id, notification_id, type, channel, lane, status, attempts, "
                + "created_at, updated_at) SELECT md5('d' || n)::uuid, ?, md5('n' || n)::uuid, 'plan.count', 'EMAIL', "
                + "'LOW', 'QUEUED', 0, now(), now() FROM generate_series(?, ?) AS n", TENANT.value(), from, to - 1);
    }

    private static void insertUsers(JdbcTemplate jdbc, int from, int to) {
        jdbc.update("INSERT INTO app_user (tenant_id, id, email, created_at, updated_at) "
                + "SELECT ?, 'u' || n, 'u' || n || '@example.com', now(), now() FROM generate_series(?, ?) AS n",
                TENANT.value(), from, to - 1);
    }
}
