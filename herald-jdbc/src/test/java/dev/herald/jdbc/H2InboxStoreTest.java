package dev.herald.jdbc;

import dev.herald.testkit.InboxStoreContract;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(H2Stores.class)
class H2InboxStoreTest extends InboxStoreContract {
}
