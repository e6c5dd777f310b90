package dev.herald.jdbc;

import dev.herald.testkit.EventDeadLettersContract;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresStores.class)
class PostgresEventDeadLettersTest extends EventDeadLettersContract {
}
