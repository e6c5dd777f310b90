package dev.herald.jdbc;

import dev.herald.testkit.WorkflowStoreContract;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(H2Stores.class)
class H2WorkflowStoreTest extends WorkflowStoreContract {
}
