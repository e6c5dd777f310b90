package dev.herald.providers.http;

import dev.herald.core.channel.ChannelProvider;
import dev.herald.core.model.Channel;

import java.time.Clock;
import java.time.Duration;

/** A provider whose one send is one HTTP exchange through its own {@link HttpCarrier} (Twilio, gateways, Kakao). */
public abstract class HttpChannelProvider implements ChannelProvider {
    protected final HttpCarrier carrier;
    private final Channel channel;

    protected HttpChannelProvider(Channel channel, String name, HttpSettings http, Clock clock) {
        this.channel = channel;
        this.carrier = new HttpCarrier(name, http, clock);
    }

    @Override
    public final String name() {
        return carrier.provider();
    }

    @Override
    public final Channel channel() {
        return channel;
    }

    /** The request deadline bounds one send from connect to the last byte read. */
    @Override
    public Duration longestSend() {
        return carrier.longestSend();
    }
}
