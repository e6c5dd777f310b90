package dev.herald.server.config;

import dev.herald.core.channel.ChannelProvider;
import dev.herald.providers.apns.ApnsPushProvider;
import dev.herald.providers.apns.ApnsSettings;

import java.time.Clock;
import java.util.List;

/** {@code herald.providers.apns}: push through Apple's APNs with token authentication. */
final class ApnsProviderFactory implements ProviderFactory<ProvidersProperties.Apns> {
    private final Clock clock;

    ApnsProviderFactory(Clock clock) {
        this.clock = clock;
    }

    @Override
    public String kind() {
        return "apns";
    }

    @Override
    public List<ProvidersProperties.Apns> entries(ProvidersProperties providers) {
        return providers.apns();
    }

    @Override
    public ChannelProvider create(String name, ProvidersProperties.Apns s) {
        return new ApnsPushProvider(new ApnsSettings(name, s.host(), s.port(), s.topic(), s.signingKeyFile(),
                s.teamId(), s.keyId(), s.trustedServerCertificates(), s.http().settings()), clock);
    }
}
