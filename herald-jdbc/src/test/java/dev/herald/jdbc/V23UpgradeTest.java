package dev.herald.jdbc;

import dev.herald.testkit.EmbeddedPostgresExtension;
import dev.herald.testkit.PostgresDatabase;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * V23 on a database that has rows already: broadcast_notification takes its broadcast's tenant and then refuses a
 * row without one; notification.critical is set where the type is critical (and the row travelled CRITICAL, as a
 * critical type always does), false elsewhere; old history rows are status changes.
 */
@ExtendWith(EmbeddedPostgresExtension.class)
class V23UpgradeTest {
    private static final Timestamp NOW = Timestamp.from(Instant.parse("2026-12-02T10:00:00Z"));

    @Test
    void onH2() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:v23-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        rowsWrittenBeforeAreCarriedOver(h2);
    }

    @Test
    void onPostgres(PostgresDatabase postgres) {
        rowsWrittenBeforeAreCarriedOver(postgres.dataSource());
    }

    private void rowsWrittenBeforeAreCarriedOver(DataSource dataSource) {
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").target("21").load().migrate();
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        UUID broadcast = UUID.randomUUID();
        jdbc.update("""
                INSERT INTO broadcast (id, tenant_id, topic_key, state, type, channels, last_position, cursor_position,
                                       planned, skipped, created_at, updated_at)
                VALUES (?, 'acme', 'news', 'PLANNED', 'promo', 'EMAIL', 1, 1, 1, 0, ?, ?)""", broadcast, NOW, NOW);
        UUID member = UUID.randomUUID();
        jdbc.update("INSERT INTO broadcast_notification (broadcast_id, user_id, notification_id) VALUES (?, 'ann', ?)",
                broadcast, member);
        type(jdbc, "security.alert", true);
        type(jdbc, "promo", false);
        UUID criticalType = notification(jdbc, "security.alert", "CRITICAL");
        UUID fastLane = notification(jdbc, "promo", "CRITICAL");
        UUID normal = notification(jdbc, "promo", "NORMAL");
        jdbc.update("""
                INSERT INTO delivery_status (tenant_id, notification_id, delivery_id, status, attempt, changed_at)
                VALUES ('acme', ?, ?, 'SENT', 1, ?)""", normal, UUID.randomUUID(), NOW);

        Migrations.migrate(dataSource);

        assertThat(jdbc.queryForObject("SELECT tenant_id FROM broadcast_notification WHERE broadcast_id = ?",
                String.class, broadcast)).isEqualTo("acme");
        assertThatThrownBy(() -> jdbc.update("INSERT INTO broadcast_notification (broadcast_id, user_id,"
                + " notification_id) VALUES (?, 'bob', ?)", broadcast, UUID.randomUUID()))
                .as("tenant_id is NOT NULL after the backfill").isNotNull();
        assertThat(critical(jdbc, criticalType)).isTrue();
        assertThat(critical(jdbc, fastLane)).as("a non-critical type on the CRITICAL lane").isFalse();
        assertThat(critical(jdbc, normal)).isFalse();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM delivery_status WHERE event IS NULL", Long.class))
                .isEqualTo(1);
    }

    private static void type(JdbcTemplate jdbc, String name, boolean critical) {
        jdbc.update("""
                INSERT INTO notification_type (tenant_id, name, channels, every_channel, priority, critical,
                                               recipient_fields, updated_at)
                VALUES ('acme', ?, 'EMAIL', FALSE, ?, ?, '', ?)""", name, critical ? "CRITICAL" : "NORMAL", critical,
                NOW);
    }

    private static UUID notification(JdbcTemplate jdbc, String type, String priority) {
        UUID id = UUID.randomUUID();
        jdbc.update("INSERT INTO notification (id, tenant_id, type, priority, created_at) VALUES (?, 'acme', ?, ?, ?)",
                id, type, priority, NOW);
        return id;
    }

    private static boolean critical(JdbcTemplate jdbc, UUID notification) {
        return Boolean.TRUE.equals(jdbc.queryForObject("SELECT critical FROM notification WHERE id = ?",
                Boolean.class, notification));
    }
}
