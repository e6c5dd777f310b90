package dev.herald.core.recipients;

import dev.herald.core.channel.OutboundMessage;
import dev.herald.core.model.Channel;
import dev.herald.core.model.Message;
import dev.herald.core.model.TenantId;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class DeadPushTokensTest {
    private static final TenantId TENANT = TenantId.defaultTenant();

    private final ForgettingRegistry devices = new ForgettingRegistry();
    private final DeadPushTokens dead = new DeadPushTokens(devices);

    @Test
    void aDeadPushTokenIsForgottenWithoutItsPlatform() {
        dead.report(TENANT, message(Channel.PUSH, "apns:abc123"), "Unregistered");

        assertThat(devices.forgotten).containsExactly("abc123");
    }

    @Test
    void otherChannelsAddressesAreNotTheRegistrysToForget() {
        dead.report(TENANT, message(Channel.SMS, "+821012345678"), "invalid number");

        assertThat(devices.forgotten).isEmpty();
    }

    private static OutboundMessage message(Channel channel, String address) {
        return new OutboundMessage(UUID.randomUUID(), TENANT, UUID.randomUUID(), "t", channel, "ada", address,
                new Message("s", "b", null));
    }

    /** Records what it is told to forget; nothing else is asked of it here. */
    private static final class ForgettingRegistry implements DeviceRegistry {
        private final List<String> forgotten = new ArrayList<>();

        @Override
        public boolean forget(TenantId tenant, String token) {
            forgotten.add(token);
            return true;
        }

        @Override
        public boolean register(TenantId tenant, Device device) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<Device> devicesOf(TenantId tenant, String userId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Map<String, List<Device>> devicesOf(TenantId tenant, Collection<String> userIds) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean remove(TenantId tenant, String userId, String token) {
            throw new UnsupportedOperationException();
        }
    }
}
