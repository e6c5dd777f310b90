package dev.herald.jdbc;

import org.flywaydb.core.Flyway;

import javax.sql.DataSource;
import java.util.Arrays;
import java.util.List;

/** Brings the schema up to date; the same migrations serve H2 and PostgreSQL. */
public final class Migrations {
    private Migrations() {
    }

    public static void migrate(DataSource dataSource) {
        flyway(dataSource).migrate();
    }

    /** The versions this build has that the database has not applied yet (empty when the schema is current). */
    public static List<String> pending(DataSource dataSource) {
        return Arrays.stream(flyway(dataSource).info().pending()).map(m -> m.getVersion().getVersion()).toList();
    }

    private static Flyway flyway(DataSource dataSource) {
        return Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .load();
    }
}
