package dev.herald.jdbc;

import dev.herald.testkit.InboundSettingsContract;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresStores.class)
class PostgresInboundSettingsTest extends InboundSettingsContract {
}
