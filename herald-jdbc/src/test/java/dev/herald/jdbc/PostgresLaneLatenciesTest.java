package dev.herald.jdbc;

import dev.herald.testkit.LaneLatenciesContract;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresStores.class)
class PostgresLaneLatenciesTest extends LaneLatenciesContract {
}
