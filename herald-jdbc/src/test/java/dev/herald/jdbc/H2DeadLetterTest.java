package dev.herald.jdbc;

import dev.herald.testkit.DeadLetterContract;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(H2Stores.class)
class H2DeadLetterTest extends DeadLetterContract {
}
