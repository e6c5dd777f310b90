package dev.herald.jdbc;

import dev.herald.testkit.StatusWebhookStoreContract;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(H2Stores.class)
class H2StatusWebhookStoreTest extends StatusWebhookStoreContract {
}
