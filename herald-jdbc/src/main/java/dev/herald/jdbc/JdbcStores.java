package dev.herald.jdbc;

import dev.herald.core.clock.IdGenerator;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.time.Clock;

/**
 * Every JDBC store over one data source, sharing one transaction manager; the schema is migrated first.
 * <p>
 * A store's own transaction joins one its caller already holds on the same manager ({@code transactions}): the
 * server's {@code AuditedChange} commits a change and its audit entry together that way. Stores run theirs as
 * {@code PROPAGATION_NESTED}: on their own that is an ordinary transaction; inside the caller's it is a savepoint,
 * so a store that catches a lost insert race (a duplicate key) and updates instead still works there (a failed
 * statement would otherwise abort the caller's whole PostgreSQL transaction, or mark it rollback-only).
 */
public record JdbcStores(JdbcNotificationStore notifications, JdbcDeliveryQueue queue, JdbcUserDirectory users,
                         JdbcApiKeyStore apiKeys, JdbcSandboxStore sandbox, JdbcDeviceRegistry devices,
                         JdbcInboxStore inbox, JdbcTenantSecrets secrets, JdbcSigningKeyRotation signingKeys,
                         JdbcDisabledEndpoints disabledEndpoints,
                         JdbcDeadLetters deadLetters, JdbcDedupGuard dedup, JdbcDigestStore digests,
                         JdbcTypeStore types, JdbcTemplateStore templates, JdbcPreferenceStore preferences,
                         JdbcDeliveryStats stats, JdbcStatsRebuild statsRebuild, JdbcLaneDepths lanes,
                         JdbcEventDeadLetters eventDeadLetters,
                         JdbcRecentFailures failures, JdbcAuditTrail audit,
                         JdbcIntegrationStore integrations, JdbcTenantStore tenants,
                         JdbcStatusOutbox statusOutbox, JdbcStatusWebhookStore statusWebhooks,
                         JdbcSignedOutSessions signedOutSessions, JdbcLaneLatencies laneLatencies,
                         JdbcSuppressionList suppressions,
                         JdbcWorkflowStore workflows,
                         JdbcTopicStore topics, JdbcBroadcastStore broadcasts,
                         JdbcInboundSettings inboundSettings,
                         DataSourceTransactionManager transactions, SqlDialect dialect) {

    public static JdbcStores open(DataSource dataSource, Clock clock) {
        Migrations.migrate(dataSource);
        SqlDialect dialect = SqlDialect.of(dataSource);
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        DataSourceTransactionManager transactions = new DataSourceTransactionManager(dataSource);
        TransactionTemplate tx = new TransactionTemplate(transactions);
        tx.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
        int writers = dialect.groupCommitWriters();
        // Ids of recent-failure rows: time-ordered, so the dashboard lists a tenant's failures newest first by id.
        IdGenerator failureIds = new IdGenerator(clock);
        JdbcNotificationStore notifications = new JdbcNotificationStore(jdbc, tx, dialect, failureIds);
        JdbcTenantSecrets secrets = new JdbcTenantSecrets(jdbc, clock);
        return new JdbcStores(notifications,
                new JdbcDeliveryQueue(jdbc, tx, dialect, failureIds),
                new JdbcUserDirectory(jdbc, tx, dialect), new JdbcApiKeyStore(jdbc, tx, clock),
                new JdbcSandboxStore(jdbc, tx, writers), new JdbcDeviceRegistry(jdbc, tx, dialect),
                new JdbcInboxStore(jdbc, tx),
                secrets, new JdbcSigningKeyRotation(jdbc, tx, secrets, clock), new JdbcDisabledEndpoints(jdbc),
                new JdbcDeadLetters(jdbc, tx, dialect),
                new JdbcDedupGuard(jdbc, tx, dialect), new JdbcDigestStore(jdbc, tx, dialect),
                new JdbcTypeStore(jdbc, tx), new JdbcTemplateStore(jdbc, tx),
                new JdbcPreferenceStore(jdbc, tx, dialect), new JdbcDeliveryStats(jdbc),
                new JdbcStatsRebuild(jdbc, tx, dialect),
                new JdbcLaneDepths(jdbc), new JdbcEventDeadLetters(jdbc),
                new JdbcRecentFailures(jdbc), new JdbcAuditTrail(jdbc),
                new JdbcIntegrationStore(jdbc, tx),
                new JdbcTenantStore(jdbc, tx), new JdbcStatusOutbox(jdbc), new JdbcStatusWebhookStore(jdbc, tx),
                new JdbcSignedOutSessions(jdbc, tx), new JdbcLaneLatencies(jdbc),
                new JdbcSuppressionList(jdbc, tx, dialect, new IdGenerator(clock)),
                new JdbcWorkflowStore(jdbc, tx, dialect, failureIds),
                new JdbcTopicStore(jdbc, tx, dialect, clock),
                new JdbcBroadcastStore(jdbc, tx, notifications, dialect, clock),
                new JdbcInboundSettings(jdbc, tx),
                transactions, dialect);
    }
}
