package dev.herald.jdbc;

import dev.herald.testkit.SignedOutSessionsContract;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(H2Stores.class)
class H2SignedOutSessionsTest extends SignedOutSessionsContract {
}
