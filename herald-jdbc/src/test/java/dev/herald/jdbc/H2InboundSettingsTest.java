package dev.herald.jdbc;

import dev.herald.testkit.InboundSettingsContract;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(H2Stores.class)
class H2InboundSettingsTest extends InboundSettingsContract {
}
