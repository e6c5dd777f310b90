package dev.herald.jdbc;

import dev.herald.testkit.DeliveryQueueContract;
import dev.herald.testkit.StorePorts;

class H2DeliveryQueueTest extends DeliveryQueueContract {
    @Override
    protected StorePorts freshStores() {
        return TestDatabases.freshH2(clock);
    }
}
