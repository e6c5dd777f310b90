package dev.herald.jdbc;

import org.flywaydb.core.Flyway;

import javax.sql.DataSource;

/** Brings the schema up to date; the same migrations serve H2 and PostgreSQL. */
public final class Migrations {
    private Migrations() {
    }

    public static void migrate(DataSource dataSource) {
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .load()
                .migrate();
    }
}
