package dev.herald.jdbc;

import dev.herald.testkit.TemplateStoreContract;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresStores.class)
class PostgresTemplateStoreTest extends TemplateStoreContract {
}
