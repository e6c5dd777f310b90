package dev.herald.jdbc;

import dev.herald.testkit.ReceiptContract;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(H2Stores.class)
class H2ReceiptTest extends ReceiptContract {
}
