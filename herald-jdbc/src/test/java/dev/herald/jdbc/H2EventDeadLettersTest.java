package dev.herald.jdbc;

import dev.herald.testkit.EventDeadLettersContract;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(H2Stores.class)
class H2EventDeadLettersTest extends EventDeadLettersContract {
}
