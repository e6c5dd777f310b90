package dev.herald.jdbc;

import dev.herald.testkit.SignedOutSessionsContract;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresStores.class)
class PostgresSignedOutSessionsTest extends SignedOutSessionsContract {
}
