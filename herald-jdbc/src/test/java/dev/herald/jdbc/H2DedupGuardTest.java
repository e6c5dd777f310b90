package dev.herald.jdbc;

import dev.herald.testkit.DedupGuardContract;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(H2Stores.class)
class H2DedupGuardTest extends DedupGuardContract {
}
