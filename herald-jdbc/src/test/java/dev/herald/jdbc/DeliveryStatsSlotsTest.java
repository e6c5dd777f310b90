package dev.herald.jdbc;

import dev.herald.core.model.Channel;
import dev.herald.core.model.DeliveryStatus;
import dev.herald.core.model.TenantId;
import dev.herald.core.stats.DailyDeliveryStats;
import dev.herald.core.stats.StatsQuery;
import dev.herald.testkit.EmbeddedPostgresExtension;
import dev.herald.testkit.PostgresDatabase;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * delivery_stats spreads one tenant's day, channel and type over {@link StatsTally#SLOTS} rows so concurrent
 * transactions do not queue on one row's lock: what is written to several slots (and twice to one) reads as one
 * row, and counts written before V26 move to slot 0 and still read, on H2 and on PostgreSQL alike.
 */
@ExtendWith(EmbeddedPostgresExtension.class)
class DeliveryStatsSlotsTest {
    private static final TenantId TENANT = new TenantId("slots");
    private static final Instant MORNING = Instant.parse("2026-12-02T08:00:00Z");
    private static final LocalDate DAY = LocalDate.parse("2026-12-02");

    @Test
    void onH2() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:stats-slots-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        countsWrittenBeforeTheSlotsAndToSeveralSlotsReadAsOne(h2);
    }

    @Test
    void onPostgres(PostgresDatabase postgres) {
        countsWrittenBeforeTheSlotsAndToSeveralSlotsReadAsOne(postgres.dataSource());
    }

    private void countsWrittenBeforeTheSlotsAndToSeveralSlotsReadAsOne(DataSource dataSource) {
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").target("25").load().migrate();
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        jdbc.update("INSERT INTO delivery_stats (tenant_id, on_day, channel, type, accepted, sent, latency_0) "
                + "VALUES (?, ?, 'SMS', 'order.shipped', 3, 2, 2)", TENANT.value(), DAY);
        Migrations.migrate(dataSource);
        SqlDialect dialect = SqlDialect.of(dataSource);

        for (int slot : new int[]{1, 5, 5}) {
            StatsTally tally = new StatsTally();
            tally.accepted(TENANT, MORNING, Channel.SMS, "order.shipped", DeliveryStatus.QUEUED, null);
            tally.reached(TENANT, MORNING, Channel.SMS, "order.shipped", DeliveryStatus.SENT, null,
                    MORNING.plusMillis(50));
            tally.writeTo(jdbc, dialect, slot);
        }
        StatsTally elsewhere = new StatsTally();
        elsewhere.accepted(TENANT, MORNING, Channel.EMAIL, "order.shipped", DeliveryStatus.QUEUED, null);
        elsewhere.writeTo(jdbc, dialect, 5);

        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM delivery_stats WHERE channel = 'SMS'", Integer.class))
                .as("slot 0 from before V26, then slots 1 and 5").isEqualTo(3);
        List<DailyDeliveryStats> days = new JdbcDeliveryStats(jdbc).daily(TENANT, StatsQuery.days(DAY, DAY));
        assertThat(days).hasSize(2);
        DailyDeliveryStats sms = days.stream().filter(d -> d.channel() == Channel.SMS).findFirst().orElseThrow();
        assertThat(sms.day()).isEqualTo(DAY);
        assertThat(sms.type()).isEqualTo("order.shipped");
        assertThat(sms.counts().accepted()).isEqualTo(6);
        assertThat(sms.counts().sent()).isEqualTo(5);
        assertThat(sms.counts().acceptToSent().counts().get(0)).isEqualTo(5);
        DailyDeliveryStats email = days.stream().filter(d -> d.channel() == Channel.EMAIL).findFirst().orElseThrow();
        assertThat(email.counts().accepted()).isEqualTo(1);
        assertThat(email.counts().sent()).isZero();
    }
}
