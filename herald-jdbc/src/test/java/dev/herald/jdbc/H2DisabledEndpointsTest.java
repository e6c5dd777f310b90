package dev.herald.jdbc;

import dev.herald.testkit.DisabledEndpointsContract;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(H2Stores.class)
class H2DisabledEndpointsTest extends DisabledEndpointsContract {
}
