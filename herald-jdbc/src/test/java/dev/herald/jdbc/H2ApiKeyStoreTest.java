package dev.herald.jdbc;

import dev.herald.testkit.ApiKeyStoreContract;
import dev.herald.testkit.StorePorts;

class H2ApiKeyStoreTest extends ApiKeyStoreContract {
    @Override
    protected StorePorts freshStores() {
        return TestDatabases.freshH2(clock);
    }
}
