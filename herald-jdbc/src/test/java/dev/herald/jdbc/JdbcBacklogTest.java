package dev.herald.jdbc;

import dev.herald.core.clock.IdGenerator;
import dev.herald.core.clock.SettableClock;
import dev.herald.core.model.Channel;
import dev.herald.core.model.Priority;
import dev.herald.core.notification.NewNotification;
import dev.herald.testkit.EmbeddedPostgresExtension;
import dev.herald.testkit.PostgresDatabase;
import dev.herald.testkit.TestNotifications;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gauges' readings (installation-wide lane depth and oldest due age, dead letters per channel) count what a
 * dispatcher would claim now, on H2 and on PostgreSQL alike.
 */
@ExtendWith(EmbeddedPostgresExtension.class)
class JdbcBacklogTest {
    private final SettableClock clock = new SettableClock(Instant.parse("2026-12-02T01:00:00Z"));
    private final IdGenerator ids = new IdGenerator(clock);

    @Test
    void onH2() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:backlog-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        dueWorkIsCountedPerLaneWithItsAge(h2);
    }

    @Test
    void onPostgres(PostgresDatabase postgres) {
        dueWorkIsCountedPerLaneWithItsAge(postgres.dataSource());
    }

    private void dueWorkIsCountedPerLaneWithItsAge(DataSource dataSource) {
        JdbcStores stores = JdbcStores.open(dataSource, clock);
        JdbcBacklog backlog = new JdbcBacklog(new JdbcTemplate(dataSource));
        save(stores, Priority.LOW);
        clock.advance(Duration.ofSeconds(30));
        save(stores, Priority.LOW);
        save(stores, Priority.CRITICAL);
        clock.advance(Duration.ofSeconds(10));

        var lanes = stores.lanes().everyTenant(clock.instant());

        assertThat(lanes.get(Priority.LOW.ordinal()).due()).isEqualTo(2);
        assertThat(lanes.get(Priority.LOW.ordinal()).oldestDue()).isEqualTo(Duration.ofSeconds(40));
        assertThat(lanes.get(Priority.CRITICAL.ordinal()).due()).isEqualTo(1);
        assertThat(lanes.get(Priority.NORMAL.ordinal()).due()).isZero();
        assertThat(lanes.get(Priority.NORMAL.ordinal()).oldestDue()).isZero();
        assertThat(backlog.deadLetters().get(Channel.EMAIL)).isZero();
    }

    private void save(JdbcStores stores, Priority lane) {
        NewNotification n = TestNotifications.aNotification(ids).at(clock.instant()).priority(lane)
                .channels(Channel.EMAIL).build();
        stores.notifications().save(n.notification().tenant(), List.of(n));
    }
}
