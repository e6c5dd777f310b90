package dev.herald.jdbc;

import dev.herald.testkit.SandboxStoreContract;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresStores.class)
class PostgresSandboxStoreTest extends SandboxStoreContract {
}
