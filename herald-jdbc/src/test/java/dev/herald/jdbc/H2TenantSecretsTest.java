package dev.herald.jdbc;

import dev.herald.testkit.TenantSecretsContract;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(H2Stores.class)
class H2TenantSecretsTest extends TenantSecretsContract {
}
