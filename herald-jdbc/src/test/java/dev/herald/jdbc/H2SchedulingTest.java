package dev.herald.jdbc;

import dev.herald.testkit.SchedulingContract;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(H2Stores.class)
class H2SchedulingTest extends SchedulingContract {
}
