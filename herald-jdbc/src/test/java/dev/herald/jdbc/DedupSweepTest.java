package dev.herald.jdbc;

import dev.herald.testkit.EmbeddedPostgresExtension;
import dev.herald.testkit.PostgresDatabase;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Hashes whose window has passed are swept away, on both databases, in bounded batches. */
@ExtendWith(EmbeddedPostgresExtension.class)
class DedupSweepTest {
    private static final Instant NOW = Instant.parse("2026-03-01T09:00:00Z");

    private static void sweepsOnlyExpired(DataSource dataSource) {
        JdbcStores stores = JdbcStores.open(dataSource, Clock.systemUTC());
        new JdbcTemplate(dataSource).update("DELETE FROM dedup_key");
        for (int i = 0; i < 5; i++) {
            stores.dedup().claim(dev.herald.core.model.TenantId.defaultTenant(), "old" + i + "x".repeat(60),
                    UUID.randomUUID(), Duration.ofMinutes(1), NOW.minus(Duration.ofMinutes(10)));
        }
        stores.dedup().claim(dev.herald.core.model.TenantId.defaultTenant(), "n".repeat(64), UUID.randomUUID(),
                Duration.ofMinutes(10), NOW);

        assertThat(stores.dedup().sweep(NOW, 3)).isEqualTo(3);
        assertThat(stores.dedup().sweep(NOW, 3)).isEqualTo(2);
        assertThat(stores.dedup().sweep(NOW, 3)).isZero();
        assertThat(new JdbcTemplate(dataSource).queryForObject("SELECT COUNT(*) FROM dedup_key", Long.class))
                .isEqualTo(1);
    }

    @Test
    void onH2() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:sweep-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        sweepsOnlyExpired(h2);
    }

    @Test
    void onPostgres(PostgresDatabase database) {
        sweepsOnlyExpired(database.dataSource());
    }
}
