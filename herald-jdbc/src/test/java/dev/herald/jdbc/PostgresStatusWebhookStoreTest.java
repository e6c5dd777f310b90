package dev.herald.jdbc;

import dev.herald.testkit.StatusWebhookStoreContract;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresStores.class)
class PostgresStatusWebhookStoreTest extends StatusWebhookStoreContract {
}
