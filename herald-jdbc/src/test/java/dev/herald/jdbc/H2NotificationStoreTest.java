package dev.herald.jdbc;

import dev.herald.testkit.NotificationStoreContract;
import dev.herald.testkit.StorePorts;

class H2NotificationStoreTest extends NotificationStoreContract {
    @Override
    protected StorePorts freshStores() {
        return TestDatabases.freshH2(clock);
    }
}
