package dev.herald.jdbc;

import dev.herald.testkit.RawRows;
import dev.herald.testkit.StorePorts;
import org.h2.jdbcx.JdbcDataSource;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.time.Clock;
import java.util.UUID;

/** Fresh databases for the contract tests of the JDBC stores. */
final class TestDatabases {
    private static final String[] TABLES = {"broadcast_notification", "broadcast", "topic_subscriber", "topic", "workflow_hold", "workflow_step", "suppression", "console_session_revocation", "status_webhook_delivery", "status_webhook", "status_outbox", "integration", "audit_event", "recent_failure", "event_dead_letter", "delivery_provider_stats", "delivery_stats", "user_token_generation", "user_preference", "template_version", "notification_type", "digest_item", "dedup_saving", "dedup_key", "dead_letter", "disabled_endpoint", "tenant_signing_key", "inbox_message", "device", "sandbox_message", "delivery_status", "delivery", "notification",
            "api_key", "app_user",
            "tenant_inbound",
            "tenant"};

    private TestDatabases() {
    }

    /** A new, empty in-memory H2 database with the same settings as the embedded default. */
    static StorePorts freshH2(Clock clock) {
        DataSource h2 = emptyH2();
        return ports(JdbcStores.open(h2, clock), h2);
    }

    /** A new in-memory H2 database, not migrated yet (a store opened on it migrates it). */
    static DataSource emptyH2() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:herald-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        return h2;
    }

    /** The class's PostgreSQL database, migrated and emptied. */
    static StorePorts emptied(DataSource postgres, Clock clock) {
        JdbcStores stores = JdbcStores.open(postgres, clock);
        JdbcTemplate jdbc = new JdbcTemplate(postgres);
        for (String table : TABLES) {
            jdbc.update("DELETE FROM " + table);
        }
        // The relay lease is one seeded row: freed, not deleted.
        jdbc.update("UPDATE status_relay_lease SET owner = NULL");
        return ports(stores, postgres);
    }

    static StorePorts ports(JdbcStores s, DataSource database) {
        JdbcTemplate jdbc = new JdbcTemplate(database);
        RawRows raw = new RawRows() {
            @Override
            public int update(String sql, Object... params) {
                return jdbc.update(sql, params);
            }

            @Override
            public long number(String sql, Object... params) {
                return jdbc.queryForObject(sql, Long.class, params);
            }
        };
        return new StorePorts(s.notifications(), s.queue(), s.users(), s.apiKeys(), s.sandbox(), s.devices(),
                s.inbox(), s.secrets(), s.signingKeys(), s.deadLetters(), s.dedup(), s.digests(), s.types(),
                s.templates(), s.preferences(), s.users(), s.disabledEndpoints(), s.stats(), s.statsRebuild(), s.lanes(),
                s.eventDeadLetters(), s.failures(), s.audit(), s.integrations(),
                s.tenants(), s.statusOutbox(), s.statusWebhooks(), s.signedOutSessions(), s.laneLatencies(),
                s.suppressions(), s.workflows(), s.topics(), s.broadcasts(), s.inboundSettings(), raw);
    }
}
