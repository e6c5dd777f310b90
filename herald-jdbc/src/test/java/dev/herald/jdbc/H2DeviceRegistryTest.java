package dev.herald.jdbc;

import dev.herald.testkit.DeviceRegistryContract;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(H2Stores.class)
class H2DeviceRegistryTest extends DeviceRegistryContract {
}
