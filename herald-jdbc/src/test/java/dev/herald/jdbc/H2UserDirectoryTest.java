package dev.herald.jdbc;

import dev.herald.testkit.UserDirectoryContract;
import dev.herald.testkit.StorePorts;

class H2UserDirectoryTest extends UserDirectoryContract {
    @Override
    protected StorePorts freshStores() {
        return TestDatabases.freshH2(clock);
    }
}
