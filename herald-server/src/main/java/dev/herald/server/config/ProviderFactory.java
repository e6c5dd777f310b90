package dev.herald.server.config;

import dev.herald.core.channel.ChannelProvider;

import java.util.List;

/**
 * Builds the providers of one kind from their entries under {@code herald.providers.<kind>}. Every factory is a
 * bean; {@link ConfiguredProviders} asks each for its entries, so a new kind is its provider package, its settings
 * record and one factory.
 */
interface ProviderFactory<S extends ProviderSettings> {
    /** The kind as configured ({@code http-sms}); also the default provider name. */
    String kind();

    /** This kind's entries, in the order configured. */
    List<S> entries(ProvidersProperties providers);

    /** One provider; a missing or bad setting throws, and start-up names the entry's key. */
    ChannelProvider create(String name, S settings);

    /** The setting, under the entry's key, that bounds one send (named when a send would outlast the lease). */
    default String sendTimeoutKey() {
        return "http.request-timeout";
    }
}
