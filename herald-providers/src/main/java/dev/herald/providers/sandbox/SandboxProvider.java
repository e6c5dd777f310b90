package dev.herald.providers.sandbox;

import dev.herald.core.channel.ChannelProvider;
import dev.herald.core.channel.OutboundMessage;
import dev.herald.core.channel.SendResult;
import dev.herald.core.clock.IdGenerator;
import dev.herald.core.model.Channel;
import dev.herald.core.sandbox.CapturedMessage;
import dev.herald.core.sandbox.SandboxStore;

import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

/**
 * Captures instead of sending, so Herald runs with no credentials and an operator sees exactly what would
 * have gone out. An optional latency imitates a real provider's round trip (useful for tests and benchmarks).
 */
public final class SandboxProvider implements ChannelProvider {
    private final Channel channel;
    private final SandboxStore store;
    private final IdGenerator ids;
    private final Clock clock;
    private final Duration latency;

    public SandboxProvider(Channel channel, SandboxStore store, IdGenerator ids, Clock clock, Duration latency) {
        this.channel = channel;
        this.store = store;
        this.ids = ids;
        this.clock = clock;
        this.latency = latency;
    }

    @Override
    public String name() {
        return "sandbox";
    }

    @Override
    public Channel channel() {
        return channel;
    }

    @Override
    public Duration longestSend() {
        return latency;
    }

    @Override
    public SendResult send(OutboundMessage message) {
        if (!latency.isZero()) {
            try {
                Thread.sleep(latency);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new SendResult.Retry(name(), "interrupted");
            }
        }
        UUID id = ids.next();
        store.capture(new CapturedMessage(id, message.tenant(), message.deliveryId(), message.type(), channel,
                message.address(), message.message(), clock.instant()));
        return new SendResult.Sent(name(), "sandbox-" + id);
    }
}
