package dev.herald.jdbc;

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
        return TestDatabases.emptied(database.dataSource(), Clock.systemUTC());
    }
}
