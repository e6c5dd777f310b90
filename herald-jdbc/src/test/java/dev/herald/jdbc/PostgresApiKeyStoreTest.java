package dev.herald.jdbc;

import dev.herald.testkit.ApiKeyStoreContract;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresStores.class)
class PostgresApiKeyStoreTest extends ApiKeyStoreContract {
}
