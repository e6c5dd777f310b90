package dev.herald.jdbc;

import dev.herald.testkit.StatusOutboxContract;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(H2Stores.class)
class H2StatusOutboxTest extends StatusOutboxContract {
}
