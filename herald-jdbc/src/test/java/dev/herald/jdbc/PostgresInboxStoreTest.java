package dev.herald.jdbc;

import dev.herald.testkit.InboxStoreContract;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresStores.class)
class PostgresInboxStoreTest extends InboxStoreContract {
}
