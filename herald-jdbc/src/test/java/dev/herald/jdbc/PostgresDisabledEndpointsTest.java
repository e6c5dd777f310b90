package dev.herald.jdbc;

import dev.herald.testkit.DisabledEndpointsContract;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresStores.class)
class PostgresDisabledEndpointsTest extends DisabledEndpointsContract {
}
