package dev.herald.jdbc;

import dev.herald.testkit.PreferenceStoreContract;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresStores.class)
class PostgresPreferenceStoreTest extends PreferenceStoreContract {
}
