package dev.herald.jdbc;

import dev.herald.core.model.TenantId;
import dev.herald.core.recipients.User;
import dev.herald.testkit.EmbeddedPostgresExtension;
import dev.herald.testkit.PostgresDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.SqlArrayValue;

import java.time.Clock;
import java.util.List;
import java.util.Map;
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
