package dev.herald.server.audit;

import dev.herald.testkit.EmbeddedPostgresExtension;
import dev.herald.testkit.PostgresDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;

import javax.sql.DataSource;

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
}
