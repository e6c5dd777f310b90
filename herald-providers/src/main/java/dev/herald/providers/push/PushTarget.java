package dev.herald.providers.push;

import dev.herald.core.channel.SendResult;
import dev.herald.core.recipients.PushAddress;
import dev.herald.core.recipients.PushAddress.PushPlatform;

/**
 * The one push service a provider speaks for ({@code apns:…} or {@code fcm:…}): whether it takes an address, and
 * the device token to send to or the refusal to answer with.
 */
record PushTarget(PushPlatform platform, String service) {

    /** What a delivery's address gave: the token, or the answer that refuses it. */
    sealed interface Read {
    }

    record Token(String value) implements Read {
    }

    record Refused(SendResult.Rejected answer) implements Read {
    }

    public boolean accepts(String address) {
        return PushAddress.parse(address).map(a -> a.platform() == platform).orElse(false);
    }

    /** Named by {@code provider}: no token at all is a dead address; another service's token is not ours. */
    public Read read(String provider, String address) {
        return PushAddress.parse(address)
                .<Read>map(a -> a.platform() == platform ? new Token(a.token())
                        // A valid address of another service: not ours to judge, so not marked invalid.
                        : new Refused(new SendResult.Rejected(provider, "not an " + service + " device token",
                                false)))
                .orElseGet(() -> new Refused(new SendResult.Rejected(provider, "no device token", true)));
    }
}
