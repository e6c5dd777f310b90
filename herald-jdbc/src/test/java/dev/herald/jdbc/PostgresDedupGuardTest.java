package dev.herald.jdbc;

import dev.herald.testkit.DedupGuardContract;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresStores.class)
class PostgresDedupGuardTest extends DedupGuardContract {
}
