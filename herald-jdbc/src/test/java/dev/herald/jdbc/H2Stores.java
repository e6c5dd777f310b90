package dev.herald.jdbc;

import dev.herald.testkit.StorePorts;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.time.Clock;

/** Runs a store contract on H2: a new in-memory database, migrated, for every test. */
final class H2Stores implements ParameterResolver {
    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == StorePorts.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return TestDatabases.freshH2(Clock.systemUTC());
    }
}
