package dev.herald.server.config;

import dev.herald.core.channel.ChannelProvider;
import dev.herald.core.clock.IdGenerator;
import dev.herald.core.model.Channel;
import dev.herald.core.sandbox.SandboxStore;
import dev.herald.providers.sandbox.SandboxProvider;

import java.time.Clock;
import java.time.Duration;

/** The capture-only provider (name {@code sandbox}) for a channel that lists it or has no real provider at all. */
final class SandboxProviderFactory {
    private final SandboxStore store;
    private final IdGenerator ids;
    private final Clock clock;
    private final Duration latency;

    SandboxProviderFactory(SandboxStore store, IdGenerator ids, Clock clock, Duration latency) {
        this.store = store;
        this.ids = ids;
        this.clock = clock;
        this.latency = latency;
    }

    ChannelProvider create(Channel channel) {
        return new SandboxProvider(channel, store, ids, clock, latency);
    }
}
