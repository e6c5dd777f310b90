package dev.herald.jdbc;

import dev.herald.testkit.BroadcastStoreContract;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(H2Stores.class)
class H2BroadcastStoreTest extends BroadcastStoreContract {
}
