package dev.herald.jdbc;

import dev.herald.testkit.TenantStoreContract;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(H2Stores.class)
class H2TenantStoreTest extends TenantStoreContract {
}
