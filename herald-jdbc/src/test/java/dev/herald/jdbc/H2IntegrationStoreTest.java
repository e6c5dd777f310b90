package dev.herald.jdbc;

import dev.herald.testkit.IntegrationStoreContract;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(H2Stores.class)
class H2IntegrationStoreTest extends IntegrationStoreContract {
}
