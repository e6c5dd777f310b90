package dev.herald.jdbc;

import dev.herald.testkit.DigestStoreContract;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(H2Stores.class)
class H2DigestStoreTest extends DigestStoreContract {
}
