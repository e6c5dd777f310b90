package dev.herald.jdbc;

import dev.herald.testkit.TopicStoreContract;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(H2Stores.class)
class H2TopicStoreTest extends TopicStoreContract {
}
