package dev.herald.server.audit;

import dev.herald.core.audit.AuditAction;
import dev.herald.server.audit.AuditedChange.Audited;
import dev.herald.core.model.Channel;
import dev.herald.testkit.EmbeddedPostgresExtension;
import dev.herald.testkit.PostgresDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A failed statement aborts a whole PostgreSQL transaction, which H2 does not: the case that matters most. */
@ExtendWith(EmbeddedPostgresExtension.class)
class PostgresAuditedChangeTest extends AuditedChangeTest {
    private static DataSource database;

    @BeforeAll
    static void start(PostgresDatabase postgres) {
        database = postgres.dataSource();
    }

    @Override
    DataSource database() {
        return database;
    }

    /**
     * The type store answers a lost insert race (a duplicate key) by updating instead. Inside the audited
     * transaction that only works because the store's own transaction is a savepoint there: otherwise the duplicate
     * key would abort the whole PostgreSQL transaction and the change would fail.
     */
    @Test
    void aStoreThatLosesAnInsertRaceStillCompletesItsChangeAndEntry() throws Exception {
        try (Connection other = database.getConnection()) {
            other.setAutoCommit(false);
            try (PreparedStatement insert = other.prepareStatement("""
                    INSERT INTO notification_type (tenant_id, name, channels, every_channel, priority, critical,
                           recipient_fields, updated_at)
                    VALUES (?, 'raced.type', 'SMS', FALSE, 'NORMAL', FALSE, '', CURRENT_TIMESTAMP)""")) {
                insert.setString(1, tenant.value());
                insert.executeUpdate();
            }
            // Our insert waits on the other's uncommitted row, then fails on its key once that commits.
            CompletableFuture<Boolean> put = CompletableFuture.supplyAsync(() -> audited.run(caller,
                    () -> stores.types().put(tenant, type("raced.type")),
                    created -> Audited.of(created ? AuditAction.TYPE_CREATED : AuditAction.TYPE_UPDATED,
                            "type:raced.type")));
            await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject("""
                    SELECT COUNT(*) FROM pg_stat_activity
                    WHERE datname = current_database() AND wait_event_type = 'Lock'""", Long.class) > 0);
            other.commit();

            assertThat(put.get()).isFalse();
        }

        assertThat(stores.types().find(tenant, "raced.type").orElseThrow().channels()).containsExactly(Channel.EMAIL);
        assertThat(entries()).singleElement().satisfies(e -> assertThat(e.action()).isEqualTo(AuditAction.TYPE_UPDATED));
    }
}
