package dev.herald.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import dev.herald.testkit.EmbeddedPostgresExtension;
import dev.herald.testkit.PostgresDatabase;
import dev.herald.testkit.StorePorts;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.time.Clock;

/** Runs a store contract on a real PostgreSQL: one database per test class, emptied before every test. */
final class PostgresStores implements ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(PostgresStores.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == StorePorts.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        ExtensionContext testClass = context.getParent().orElse(context);
        PostgresDatabase database = testClass.getStore(NAMESPACE).getOrComputeIfAbsent(PostgresDatabase.class,
                k -> EmbeddedPostgresExtension.newDatabase(context), PostgresDatabase.class);
        HikariDataSource pooled = testClass.getStore(NAMESPACE).getOrComputeIfAbsent(HikariDataSource.class,
                k -> pool(database), HikariDataSource.class);
        return TestDatabases.emptied(pooled, Clock.systemUTC());
    }

    /**
     * Pooled and set up as the server sets up its own (StoreConfiguration): without a pool every statement opens a
     * connection, a new PostgreSQL backend process each time, which made a contract's reads take 90 ms each.
     */
    private static HikariDataSource pool(PostgresDatabase database) {
        HikariDataSource pool = new HikariDataSource();
        pool.setJdbcUrl(database.jdbcUrl());
        pool.setUsername(database.user());
        pool.setMaximumPoolSize(16);
        SqlDialect.POSTGRESQL.connectionInitSql().ifPresent(pool::setConnectionInitSql);
        return pool;
    }
}
