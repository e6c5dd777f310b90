package dev.herald.jdbc;

import dev.herald.testkit.StatusOutboxContract;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresStores.class)
class PostgresStatusOutboxTest extends StatusOutboxContract {
}
