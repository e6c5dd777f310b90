package dev.herald.jdbc;

import dev.herald.testkit.RecentFailuresContract;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(H2Stores.class)
class H2RecentFailuresTest extends RecentFailuresContract {
}
