package dev.herald.jdbc;

import dev.herald.testkit.StatusRelayContract;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresStores.class)
class PostgresStatusRelayTest extends StatusRelayContract {
}
