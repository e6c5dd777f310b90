package dev.herald.jdbc;

import dev.herald.testkit.AuditTrailContract;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(H2Stores.class)
class H2AuditTrailTest extends AuditTrailContract {
}
