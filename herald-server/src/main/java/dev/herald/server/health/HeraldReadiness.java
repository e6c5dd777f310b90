package dev.herald.server.health;

import dev.herald.core.dispatch.Dispatchers;
import dev.herald.core.model.FailureKind;
import dev.herald.jdbc.Migrations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Ready means able to do Herald's work: the database answers, its schema is the one this build expects, and on a
 * worker node the dispatchers are taking deliveries off the queue. Part of the readiness group, not liveness: a
 * database outage should take the node out of the load balancer, not get it restarted.
 */
public final class HeraldReadiness implements HealthIndicator {
    private static final int VALIDATION_SECONDS = 2;

    private final DataSource dataSource;
    private final Dispatchers dispatchers;
    private final boolean worker;
    /**
     * Once this build's migrations are all applied they stay applied (a newer build's migrations show as future, not
     * pending), so the Flyway scan of classpath and history runs until then, not on every probe.
     */
    private volatile boolean migrationsCurrent;

    public HeraldReadiness(DataSource dataSource, Dispatchers dispatchers, boolean worker) {
        this.dataSource = dataSource;
        this.dispatchers = dispatchers;
        this.worker = worker;
    }

    @Override
    public Health health() {
        try (Connection connection = dataSource.getConnection()) {
            if (!connection.isValid(VALIDATION_SECONDS)) {
                return Health.down().withDetail("database", "not answering").build();
            }
        } catch (SQLException | RuntimeException e) {
            return Health.down().withDetail("database", "unreachable: " + FailureKind.of(e)).build();
        }
        if (!migrationsCurrent) {
            List<String> pending;
            try {
                pending = Migrations.pending(dataSource);
            } catch (RuntimeException e) {
                return Health.down().withDetail("migrations", "cannot be read: " + FailureKind.of(e)).build();
            }
            if (!pending.isEmpty()) {
                return Health.down().withDetail("migrations", "not applied: " + pending).build();
            }
            migrationsCurrent = true;
        }
        if (worker && !dispatchers.running()) {
            return Health.down().withDetail("dispatchers", "stopped").build();
        }
        return Health.up().withDetail("database", "reachable").withDetail("migrations", "current")
                .withDetail("dispatchers", worker ? "running" : "not a worker node").build();
    }
}
