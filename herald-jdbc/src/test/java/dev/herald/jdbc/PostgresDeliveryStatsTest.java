package dev.herald.jdbc;

import dev.herald.testkit.DeliveryStatsContract;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresStores.class)
class PostgresDeliveryStatsTest extends DeliveryStatsContract {
}
