package dev.herald.jdbc;

import dev.herald.testkit.SandboxStoreContract;
import dev.herald.testkit.StorePorts;

class H2SandboxStoreTest extends SandboxStoreContract {
    @Override
    protected StorePorts freshStores() {
        return TestDatabases.freshH2(clock);
    }
}
