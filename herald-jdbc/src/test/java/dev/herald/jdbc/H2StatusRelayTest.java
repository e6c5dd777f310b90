package dev.herald.jdbc;

import dev.herald.testkit.StatusRelayContract;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(H2Stores.class)
class H2StatusRelayTest extends StatusRelayContract {
}
