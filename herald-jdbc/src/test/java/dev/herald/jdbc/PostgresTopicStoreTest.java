package dev.herald.jdbc;

import dev.herald.testkit.TopicStoreContract;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresStores.class)
class PostgresTopicStoreTest extends TopicStoreContract {
}
