package dev.herald.jdbc;

import dev.herald.testkit.ApiKeyStoreContract;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(H2Stores.class)
class H2ApiKeyStoreTest extends ApiKeyStoreContract {
}
