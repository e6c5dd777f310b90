package dev.herald.server.config;

import dev.herald.core.channel.ChannelProvider;
import dev.herald.providers.apns.ApnsPushProvider;
import dev.herald.providers.apns.ApnsSettings;
import dev.herald.providers.push.KeySource;

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
        KeySource key = either("signing-key-file", KeySource.file(s.signingKeyFile()),
                "signing-key", KeySource.inline("signing-key", s.signingKey()));
        KeySource trusted = either("trusted-server-certificates", KeySource.file(s.trustedServerCertificates()),
                "trusted-server-certificates-pem",
                KeySource.inline("trusted-server-certificates-pem", s.trustedServerCertificatesPem()));
        return new ApnsPushProvider(new ApnsSettings(name, s.host(), s.port(), s.topic(), key, s.teamId(), s.keyId(),
                trusted, s.http().settings()), clock);
    }

    private static KeySource either(String fileKey, KeySource file, String textKey, KeySource text) {
        if (file != null && text != null) {
            throw new IllegalArgumentException("set " + fileKey + " or " + textKey + ", not both");
        }
        return file != null ? file : text;
    }
}
