package dev.herald.jdbc;

import dev.herald.testkit.DeadLetterContract;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresStores.class)
class PostgresDeadLetterTest extends DeadLetterContract {
}
