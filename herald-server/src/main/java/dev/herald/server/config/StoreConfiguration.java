package dev.herald.server.config;

import dev.herald.core.audit.AuditTrail;
import dev.herald.core.deadletter.DeadLetters;
import dev.herald.core.deadletter.EventDeadLetters;
import dev.herald.core.dedup.DedupGuard;
import dev.herald.core.digest.DigestStore;
import dev.herald.core.dispatch.DeliveryQueue;
import dev.herald.core.inbox.InboxStore;
import dev.herald.core.model.PassingFailures;
import dev.herald.core.notification.NotificationStore;
import dev.herald.core.preferences.PreferenceStore;
import dev.herald.core.recipients.DeviceRegistry;
import dev.herald.core.sandbox.SandboxStore;
import dev.herald.core.templates.TemplateStore;
import dev.herald.core.tenancy.ApiKeyStore;
import dev.herald.core.tenancy.SignedOutSessions;
import dev.herald.core.suppression.InboundSettings;
import dev.herald.core.suppression.SuppressionList;
import dev.herald.core.tenancy.SigningKeyRotation;
import dev.herald.core.tenancy.TenantSecrets;
import dev.herald.server.security.AccessVersion;
import dev.herald.server.security.CachedTenantSecrets;
import dev.herald.core.tenancy.TenantStore;
import dev.herald.core.types.TypeStore;
import com.zaxxer.hikari.HikariDataSource;
import dev.herald.core.channel.DisabledEndpoints;
import dev.herald.core.channel.IntegrationStore;
import dev.herald.jdbc.JdbcStores;
import dev.herald.jdbc.PassingDatabaseFailures;
import dev.herald.core.workflow.WorkflowStore;
import dev.herald.core.stats.DeliveryStats;
import dev.herald.core.stats.StatsRebuild;
import dev.herald.core.stats.LaneDepths;
import dev.herald.core.stats.LaneLatencies;
import dev.herald.core.stats.RecentFailures;
import dev.herald.jdbc.SqlDialect;
import dev.herald.jdbc.JdbcUserDirectory;
import org.flywaydb.core.api.FlywayException;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.sql.DataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

/** The stores over Spring Boot's DataSource: H2 in the data folder by default, PostgreSQL when configured. */
@Configuration(proxyBeanMethods = false)
class StoreConfiguration {

    /**
     * Boot's pooled DataSource, except that with no {@code spring.datasource.url} it opens the embedded default:
     * an H2 file in the data folder (an absolute path, as H2 requires) that forces every commit to disk
     * ({@code WRITE_DELAY=0}) so an accepted notification survives a kill -9.
     */
    @Bean
    @ConfigurationProperties("spring.datasource.hikari")
    HikariDataSource dataSource(DataSourceProperties properties, HeraldProperties herald) {
        if (properties.getUrl() == null || properties.getUrl().isBlank()) {
            Path dir = herald.dataDir().toAbsolutePath().normalize();
            try {
                DataFolder.ensure(dir);
            } catch (IOException | RuntimeException e) {
                throw new StartupProblem("Herald cannot create its data folder " + dir + " (" + e + ").",
                        "Point herald.data-dir (or HERALD_DATA_DIR) at a folder this user can write, e.g. "
                                + "./herald --herald.data-dir=$HOME/herald-data", e);
            }
            if (!Files.isWritable(dir)) {
                throw new StartupProblem("Herald's data folder " + dir + " is not writable.",
                        "Give this user write access to it, or point herald.data-dir at another folder.", null);
            }
            Path file = dir.resolve("herald");
            properties.setUrl("jdbc:h2:file:" + file + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE");
            properties.setUsername("sa");
            properties.setPassword("");
        }
        HikariDataSource dataSource = properties.initializeDataSourceBuilder().type(HikariDataSource.class).build();
        SqlDialect.ofUrl(properties.getUrl()).connectionInitSql().ifPresent(dataSource::setConnectionInitSql);
        return dataSource;
    }

    @Bean
    JdbcStores stores(DataSource dataSource, Clock clock) {
        try {
            return JdbcStores.open(dataSource, clock);
        } catch (FlywayException e) {
            throw new StartupProblem("The database schema does not match this build of Herald: " + e.getMessage(),
                    "The database was migrated by a different (development) build. Point herald.data-dir (or "
                            + "spring.datasource.url) at a fresh database, or restore one made by this release.", e);
        }
    }

    // One bean per port below: every other bean asks for the port it uses, never for JdbcStores.

    /**
     * The stores' transaction manager: a transaction begun on it (AuditedChange) is joined by every store's own, so
     * a change and its audit entry commit together.
     */
    /** Which failures of the background runners pass by themselves (the database's) and use up no attempt. */
    @Bean
    PassingFailures passingFailures() {
        return new PassingDatabaseFailures();
    }

    @Bean
    DataSourceTransactionManager transactionManager(JdbcStores stores) {
        return stores.transactions();
    }

    @Bean
    AuditTrail auditTrail(JdbcStores stores) {
        return stores.audit();
    }

    @Bean
    WorkflowStore workflowStore(JdbcStores stores) {
        return stores.workflows();
    }

    @Bean
    NotificationStore notificationStore(JdbcStores stores) {
        return stores.notifications();
    }

    @Bean
    DeliveryQueue deliveryQueue(JdbcStores stores) {
        return stores.queue();
    }

    /** Users and their token generations live in one table family: one object serves both ports. */
    @Bean
    JdbcUserDirectory userDirectory(JdbcStores stores) {
        return stores.users();
    }

    @Bean
    ApiKeyStore apiKeyStore(JdbcStores stores) {
        return stores.apiKeys();
    }

    @Bean
    TenantStore tenantStore(JdbcStores stores) {
        return stores.tenants();
    }

    @Bean
    SandboxStore sandboxStore(JdbcStores stores) {
        return stores.sandbox();
    }

    @Bean
    DeviceRegistry deviceRegistry(JdbcStores stores) {
        return stores.devices();
    }

    @Bean
    InboxStore inboxStore(JdbcStores stores) {
        return stores.inbox();
    }

    /** Remembered per node under the access version, which rotating or retiring a key moves. */
    @Bean
    TenantSecrets tenantSecrets(JdbcStores stores, AccessVersion version) {
        return new CachedTenantSecrets(stores.secrets(), version);
    }

    @Bean
    SigningKeyRotation signingKeyRotation(JdbcStores stores) {
        return stores.signingKeys();
    }

    @Bean
    SignedOutSessions signedOutSessions(JdbcStores stores) {
        return stores.signedOutSessions();
    }

    @Bean
    SuppressionList suppressionList(JdbcStores stores) {
        return stores.suppressions();
    }

    @Bean
    InboundSettings inboundSettings(JdbcStores stores) {
        return stores.inboundSettings();
    }

    @Bean
    DisabledEndpoints disabledEndpoints(JdbcStores stores) {
        return stores.disabledEndpoints();
    }

    @Bean
    IntegrationStore integrationStore(JdbcStores stores) {
        return stores.integrations();
    }

    @Bean
    DeadLetters deadLetters(JdbcStores stores) {
        return stores.deadLetters();
    }

    @Bean
    EventDeadLetters eventDeadLetters(JdbcStores stores) {
        return stores.eventDeadLetters();
    }

    @Bean
    DedupGuard dedupGuard(JdbcStores stores) {
        return stores.dedup();
    }

    @Bean
    DeliveryStats deliveryStats(JdbcStores stores) {
        return stores.stats();
    }

    @Bean
    LaneDepths laneDepths(JdbcStores stores) {
        return stores.lanes();
    }

    @Bean
    LaneLatencies laneLatencies(JdbcStores stores) {
        return stores.laneLatencies();
    }

    @Bean
    RecentFailures recentFailures(JdbcStores stores) {
        return stores.failures();
    }

    @Bean
    StatsRebuild statsRebuild(JdbcStores stores) {
        return stores.statsRebuild();
    }

    @Bean
    DigestStore digestStore(JdbcStores stores) {
        return stores.digests();
    }

    @Bean
    TypeStore typeStore(JdbcStores stores) {
        return stores.types();
    }

    /** The table behind the template cache; everything else gets the cache (the one default TemplateStore). */
    @Bean(defaultCandidate = false)
    @Stored
    TemplateStore storedTemplates(JdbcStores stores) {
        return stores.templates();
    }

    /** The table behind the preference cache; everything else gets the cache. */
    @Bean(defaultCandidate = false)
    @Stored
    PreferenceStore storedPreferences(JdbcStores stores) {
        return stores.preferences();
    }
}
