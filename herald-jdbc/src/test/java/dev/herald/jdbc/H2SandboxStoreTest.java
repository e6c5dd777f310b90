package dev.herald.jdbc;

import dev.herald.testkit.SandboxStoreContract;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(H2Stores.class)
class H2SandboxStoreTest extends SandboxStoreContract {
}
