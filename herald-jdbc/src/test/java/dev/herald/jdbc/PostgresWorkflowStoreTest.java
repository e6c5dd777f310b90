package dev.herald.jdbc;

import dev.herald.testkit.WorkflowStoreContract;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresStores.class)
class PostgresWorkflowStoreTest extends WorkflowStoreContract {
}
