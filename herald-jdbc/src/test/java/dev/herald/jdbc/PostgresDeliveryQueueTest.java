package dev.herald.jdbc;

import dev.herald.testkit.DeliveryQueueContract;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresStores.class)
class PostgresDeliveryQueueTest extends DeliveryQueueContract {
}
