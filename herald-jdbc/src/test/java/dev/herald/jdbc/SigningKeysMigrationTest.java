package dev.herald.jdbc;

import dev.herald.core.model.TenantId;
import dev.herald.core.tenancy.SigningKey;
import dev.herald.testkit.EmbeddedPostgresExtension;
import dev.herald.testkit.PostgresDatabase;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * V27 moves every secret of {@code tenant_secret} to key 1 of {@code tenant_signing_key}: tokens and links signed
 * before the upgrade (which name no key, or key 1) keep verifying, and audit pseudonyms keep their key, on H2 and on
 * PostgreSQL alike.
 */
@ExtendWith(EmbeddedPostgresExtension.class)
class SigningKeysMigrationTest {
    private static final TenantId TENANT = new TenantId("keys");
    private static final byte[] SECRET = "thirty-two-bytes-of-old-secret!!".getBytes();

    @Test
    void onH2() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:signing-keys-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        aSecretFromBeforeBecomesKeyOne(h2);
    }

    @Test
    void onPostgres(PostgresDatabase postgres) {
        aSecretFromBeforeBecomesKeyOne(postgres.dataSource());
    }

    private void aSecretFromBeforeBecomesKeyOne(DataSource dataSource) {
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").target("26").load().migrate();
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        OffsetDateTime made = OffsetDateTime.of(2026, 11, 1, 9, 0, 0, 0, ZoneOffset.UTC);
        jdbc.update("INSERT INTO tenant_secret (tenant_id, purpose, secret, created_at) VALUES (?, ?, ?, ?)",
                TENANT.value(), "unsubscribe-link", Base64.getEncoder().encodeToString(SECRET), made);
        Migrations.migrate(dataSource);

        JdbcTenantSecrets secrets = new JdbcTenantSecrets(jdbc, Clock.systemUTC());
        SigningKey current = secrets.current(TENANT, "unsubscribe-link");
        assertThat(current.id()).isEqualTo(1);
        assertThat(current.secret()).isEqualTo(SECRET);
        assertThat(secrets.find(TENANT, "unsubscribe-link", 1)).contains(SECRET);
        assertThat(jdbc.queryForObject("SELECT created_at FROM tenant_signing_key WHERE tenant_id = ?",
                OffsetDateTime.class, TENANT.value()).toInstant()).isEqualTo(Instant.parse("2026-11-01T09:00:00Z"));
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM information_schema.tables "
                + "WHERE LOWER(table_name) = 'tenant_secret'", Integer.class)).isZero();
    }
}
