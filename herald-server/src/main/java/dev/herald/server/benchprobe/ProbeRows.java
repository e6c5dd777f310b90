package dev.herald.server.benchprobe;

import dev.herald.core.model.TenantId;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * The bench probe's table: one row per request, written and committed on its own (auto-commit, one statement).
 * Bench-only, so it creates its table itself rather than through a migration; it exists only where the probe was
 * switched on.
 */
@Component
@ConditionalOnProperty(name = "herald.bench.probe", havingValue = "true")
class ProbeRows {
    private static final String TABLE = """
            CREATE TABLE IF NOT EXISTS bench_probe (
                id UUID NOT NULL PRIMARY KEY, tenant_id VARCHAR(64) NOT NULL, type VARCHAR(100) NOT NULL,
                email VARCHAR(320) NOT NULL, body VARCHAR(1000) NOT NULL,
                created_at TIMESTAMP WITH TIME ZONE NOT NULL)""";

    private final JdbcTemplate jdbc;
    private final Clock clock;

    ProbeRows(DataSource dataSource, Clock clock) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.clock = clock;
        jdbc.execute(TABLE);
    }

    UUID insert(TenantId tenant, String type, String email, String body) {
        UUID id = UUID.randomUUID();
        jdbc.update("INSERT INTO bench_probe (id, tenant_id, type, email, body, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                id, tenant.value(), type, email, body, OffsetDateTime.now(clock));
        return id;
    }
}
