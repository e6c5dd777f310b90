package dev.herald.jdbc;

import dev.herald.testkit.TypeStoreContract;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(H2Stores.class)
class H2TypeStoreTest extends TypeStoreContract {
}
