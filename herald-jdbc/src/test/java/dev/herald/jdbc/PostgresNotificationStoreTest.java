package dev.herald.jdbc;

import dev.herald.testkit.NotificationStoreContract;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresStores.class)
class PostgresNotificationStoreTest extends NotificationStoreContract {
}
