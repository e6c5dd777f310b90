package dev.herald.jdbc;

import dev.herald.testkit.TypeStoreContract;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresStores.class)
class PostgresTypeStoreTest extends TypeStoreContract {
}
