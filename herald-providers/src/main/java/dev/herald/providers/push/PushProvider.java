package dev.herald.providers.push;

import dev.herald.core.channel.ChannelProvider;
import dev.herald.core.channel.OutboundMessage;
import dev.herald.core.channel.SendResult;
import dev.herald.core.model.Channel;
import dev.herald.core.recipients.PushAddress.PushPlatform;

/**
 * A push provider speaks for one push service: it takes only that service's {@code platform:token} addresses and
 * sends to the token; anything else is answered before the service is asked.
 */
public abstract class PushProvider implements ChannelProvider {
    private final String name;
    private final PushTarget target;

    /** @param service the service as named in refusals ("APNs", "FCM") */
    protected PushProvider(String name, PushPlatform platform, String service) {
        this.name = name;
        this.target = new PushTarget(platform, service);
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final Channel channel() {
        return Channel.PUSH;
    }

    @Override
    public final boolean accepts(String address) {
        return target.accepts(address);
    }

    @Override
    public final SendResult send(OutboundMessage message) {
        return switch (target.read(name, message.address())) {
            case PushTarget.Refused refused -> refused.answer();
            case PushTarget.Token token -> send(message, token.value());
        };
    }

    /** Sends to a device token of this provider's service. */
    protected abstract SendResult send(OutboundMessage message, String token);
}
