package dev.herald.jdbc;

import dev.herald.testkit.DigestStoreContract;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresStores.class)
class PostgresDigestStoreTest extends DigestStoreContract {
}
