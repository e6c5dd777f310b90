package dev.herald.jdbc;

import dev.herald.testkit.SuppressionListContract;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresStores.class)
class PostgresSuppressionListTest extends SuppressionListContract {
}
