package dev.herald.jdbc;

import dev.herald.testkit.SuppressionListContract;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(H2Stores.class)
class H2SuppressionListTest extends SuppressionListContract {
}
