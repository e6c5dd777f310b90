package dev.herald.jdbc;

import dev.herald.testkit.TenantSecretsContract;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresStores.class)
class PostgresTenantSecretsTest extends TenantSecretsContract {
}
