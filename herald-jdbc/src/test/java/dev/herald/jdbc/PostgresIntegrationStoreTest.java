package dev.herald.jdbc;

import dev.herald.testkit.IntegrationStoreContract;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresStores.class)
class PostgresIntegrationStoreTest extends IntegrationStoreContract {
}
