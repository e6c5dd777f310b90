package dev.herald.jdbc;

import dev.herald.testkit.NotificationSearchContract;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresStores.class)
class PostgresNotificationSearchTest extends NotificationSearchContract {
}
