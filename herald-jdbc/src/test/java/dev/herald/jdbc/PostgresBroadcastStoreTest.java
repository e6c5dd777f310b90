package dev.herald.jdbc;

import dev.herald.testkit.BroadcastStoreContract;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresStores.class)
class PostgresBroadcastStoreTest extends BroadcastStoreContract {
}
