package dev.herald.jdbc;

import dev.herald.testkit.DeviceRegistryContract;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresStores.class)
class PostgresDeviceRegistryTest extends DeviceRegistryContract {
}
