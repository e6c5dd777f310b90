package dev.herald.jdbc;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.time.Clock;

/** Every JDBC store over one data source, sharing one transaction manager; the schema is migrated first. */
public record JdbcStores(JdbcNotificationStore notifications, JdbcDeliveryQueue queue, JdbcUserDirectory users,
                         JdbcApiKeyStore apiKeys, JdbcSandboxStore sandbox, JdbcDeviceRegistry devices,
                         JdbcInboxStore inbox, JdbcTenantSecrets secrets, JdbcDisabledEndpoints disabledEndpoints,
                         JdbcDeadLetters deadLetters, JdbcDedupGuard dedup, JdbcDigestStore digests,
                         JdbcTypeStore types, JdbcTemplateStore templates, JdbcPreferenceStore preferences,
                         JdbcDeliveryStats stats, JdbcStatsRebuild statsRebuild, JdbcLaneDepths lanes,
                         JdbcTenantStore tenants, SqlDialect dialect) {

    public static JdbcStores open(DataSource dataSource, Clock clock) {
        Migrations.migrate(dataSource);
        SqlDialect dialect = SqlDialect.of(dataSource);
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        int writers = dialect.groupCommitWriters();
        return new JdbcStores(new JdbcNotificationStore(jdbc, tx, dialect), new JdbcDeliveryQueue(jdbc, tx, dialect),
                new JdbcUserDirectory(jdbc, tx), new JdbcApiKeyStore(jdbc, tx, clock),
                new JdbcSandboxStore(jdbc, tx, writers), new JdbcDeviceRegistry(jdbc, tx), new JdbcInboxStore(jdbc, tx),
                new JdbcTenantSecrets(jdbc, clock), new JdbcDisabledEndpoints(jdbc), new JdbcDeadLetters(jdbc, tx, dialect),
                new JdbcDedupGuard(jdbc, tx, dialect), new JdbcDigestStore(jdbc, tx, dialect),
                new JdbcTypeStore(jdbc, tx), new JdbcTemplateStore(jdbc, tx),
                new JdbcPreferenceStore(jdbc, tx), new JdbcDeliveryStats(jdbc), new JdbcStatsRebuild(jdbc, tx, dialect),
                new JdbcLaneDepths(jdbc), new JdbcTenantStore(jdbc, tx), dialect);
    }
}
