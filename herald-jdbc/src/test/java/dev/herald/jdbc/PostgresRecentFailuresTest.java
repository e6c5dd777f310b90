package dev.herald.jdbc;

import dev.herald.testkit.RecentFailuresContract;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresStores.class)
class PostgresRecentFailuresTest extends RecentFailuresContract {
}
