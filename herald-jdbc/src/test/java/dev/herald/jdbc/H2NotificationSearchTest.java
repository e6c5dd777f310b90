package dev.herald.jdbc;

import dev.herald.testkit.NotificationSearchContract;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(H2Stores.class)
class H2NotificationSearchTest extends NotificationSearchContract {
}
