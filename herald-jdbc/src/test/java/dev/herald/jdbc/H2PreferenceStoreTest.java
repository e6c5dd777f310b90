package dev.herald.jdbc;

import dev.herald.testkit.PreferenceStoreContract;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(H2Stores.class)
class H2PreferenceStoreTest extends PreferenceStoreContract {
}
