package dev.herald.jdbc;

import dev.herald.testkit.TenantStoreContract;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresStores.class)
class PostgresTenantStoreTest extends TenantStoreContract {
}
