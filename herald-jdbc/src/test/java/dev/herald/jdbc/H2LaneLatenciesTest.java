package dev.herald.jdbc;

import dev.herald.testkit.LaneLatenciesContract;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(H2Stores.class)
class H2LaneLatenciesTest extends LaneLatenciesContract {
}
