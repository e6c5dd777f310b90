package dev.herald.jdbc;

import dev.herald.testkit.UserDirectoryContract;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(H2Stores.class)
class H2UserDirectoryTest extends UserDirectoryContract {
}
