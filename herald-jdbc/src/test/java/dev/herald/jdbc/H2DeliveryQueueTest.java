package dev.herald.jdbc;

import dev.herald.testkit.DeliveryQueueContract;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(H2Stores.class)
class H2DeliveryQueueTest extends DeliveryQueueContract {
}
