package dev.herald.jdbc;

import dev.herald.testkit.ReceiptContract;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresStores.class)
class PostgresReceiptTest extends ReceiptContract {
}
