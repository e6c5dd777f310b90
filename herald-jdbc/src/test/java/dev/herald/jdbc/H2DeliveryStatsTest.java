package dev.herald.jdbc;

import dev.herald.testkit.DeliveryStatsContract;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(H2Stores.class)
class H2DeliveryStatsTest extends DeliveryStatsContract {
}
