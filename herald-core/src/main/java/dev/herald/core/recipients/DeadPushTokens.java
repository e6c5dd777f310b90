package dev.herald.core.recipients;

import dev.herald.core.channel.DeadAddresses;
import dev.herald.core.channel.OutboundMessage;
import dev.herald.core.model.Channel;
import dev.herald.core.model.TenantId;

/**
 * Forgets a push token the push service declared dead, so no further deliveries are planned to it. Other channels'
 * addresses come inline or from the user's profile and are left to whoever owns them.
 */
public final class DeadPushTokens implements DeadAddresses {
    private final DeviceRegistry devices;

    public DeadPushTokens(DeviceRegistry devices) {
        this.devices = devices;
    }

    @Override
    public void report(TenantId tenant, OutboundMessage message, String reason) {
        if (message.channel() == Channel.PUSH) {
            PushAddress.parse(message.address()).ifPresent(address -> devices.forget(tenant, address.token()));
        }
    }
}
