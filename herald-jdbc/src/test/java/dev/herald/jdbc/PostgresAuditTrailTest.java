package dev.herald.jdbc;

import dev.herald.testkit.AuditTrailContract;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresStores.class)
class PostgresAuditTrailTest extends AuditTrailContract {
}
