package dev.herald.server.config;

import dev.herald.core.notification.NotificationStore;
import dev.herald.core.recipients.UserDirectory;
import dev.herald.core.sandbox.SandboxStore;
import com.zaxxer.hikari.HikariDataSource;
import dev.herald.jdbc.JdbcStores;
import dev.herald.jdbc.SqlDialect;
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
        } catch (org.flywaydb.core.api.FlywayException e) {
            throw new StartupProblem("The database schema does not match this build of Herald: " + e.getMessage(),
                    "The database was migrated by a different (development) build. Point herald.data-dir (or "
                            + "spring.datasource.url) at a fresh database, or restore one made by this release.", e);
        }
    }

    @Bean
    NotificationStore notificationStore(JdbcStores stores) {
        return stores.notifications();
    }

    @Bean
    UserDirectory userDirectory(JdbcStores stores) {
        return stores.users();
    }

    @Bean
    SandboxStore sandboxStore(JdbcStores stores) {
        return stores.sandbox();
    }
}
