package dev.herald.jdbc;

import dev.herald.testkit.UserDirectoryContract;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresStores.class)
class PostgresUserDirectoryTest extends UserDirectoryContract {
}
