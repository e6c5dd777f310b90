package dev.herald.jdbc;

import dev.herald.testkit.SchedulingContract;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresStores.class)
class PostgresSchedulingTest extends SchedulingContract {
}
