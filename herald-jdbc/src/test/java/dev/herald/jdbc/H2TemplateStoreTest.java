package dev.herald.jdbc;

import dev.herald.testkit.TemplateStoreContract;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(H2Stores.class)
class H2TemplateStoreTest extends TemplateStoreContract {
}
