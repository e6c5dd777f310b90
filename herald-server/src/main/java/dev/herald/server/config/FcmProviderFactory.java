package dev.herald.server.config;

import dev.herald.core.channel.ChannelProvider;
import dev.herald.providers.fcm.FcmPushProvider;
import dev.herald.providers.fcm.FcmSettings;
import dev.herald.providers.push.KeySource;

import java.time.Clock;
import java.util.List;

/** {@code herald.providers.fcm}: push through Firebase Cloud Messaging (HTTP v1). */
final class FcmProviderFactory implements ProviderFactory<ProvidersProperties.Fcm> {
    private final Clock clock;

    FcmProviderFactory(Clock clock) {
        this.clock = clock;
    }

    @Override
    public String kind() {
        return "fcm";
    }

    @Override
    public List<ProvidersProperties.Fcm> entries(ProvidersProperties providers) {
        return providers.fcm();
    }

    @Override
    public ChannelProvider create(String name, ProvidersProperties.Fcm s) {
        KeySource file = KeySource.file(s.serviceAccountFile());
        KeySource json = KeySource.inline("service-account-json", s.serviceAccountJson());
        if (file != null && json != null) {
            throw new IllegalArgumentException("set service-account-file or service-account-json, not both");
        }
        return new FcmPushProvider(new FcmSettings(name, s.baseUrl(), s.projectId(), file != null ? file : json,
                s.tokenUri(), s.http().settings()), clock);
    }
}
