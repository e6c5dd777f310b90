package dev.herald.jdbc;

import dev.herald.testkit.NotificationStoreContract;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(H2Stores.class)
class H2NotificationStoreTest extends NotificationStoreContract {
}
