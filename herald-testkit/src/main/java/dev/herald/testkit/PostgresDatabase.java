package dev.herald.testkit;

import javax.sql.DataSource;

/** A fresh, empty database on the shared embedded PostgreSQL server. */
public record PostgresDatabase(String jdbcUrl, String user, DataSource dataSource) {
}
