package dev.herald.server.config;

import dev.herald.core.channel.ChannelProvider;
import dev.herald.providers.smtp.SmtpEmailProvider;
import dev.herald.providers.smtp.SmtpSettings;

import java.util.List;

/** {@code herald.providers.smtp}: email through an SMTP relay. */
final class SmtpProviderFactory implements ProviderFactory<ProvidersProperties.Smtp> {

    @Override
    public String kind() {
        return "smtp";
    }

    @Override
    public List<ProvidersProperties.Smtp> entries(ProvidersProperties providers) {
        return providers.smtp();
    }

    @Override
    public ChannelProvider create(String name, ProvidersProperties.Smtp s) {
        if (s.host() == null || s.host().isBlank()) {
            throw new IllegalArgumentException("herald.providers.smtp[" + name + "].host is required");
        }
        ProvidersProperties.SmtpPool p = s.pool();
        // The pool's own checks name the key (pool.max-connections must be 1..64).
        SmtpSettings.Pool pool = new SmtpSettings.Pool(p.maxConnections(), p.idleTimeout(), p.checkAfterIdle(),
                p.maxMessagesPerConnection());
        return new SmtpEmailProvider(name, new SmtpSettings(s.host(), s.port(), s.username(), s.password(), s.from(),
                s.startTls(), s.connectTimeout(), s.readTimeout(), s.sendTimeout(), pool));
    }

    @Override
    public String sendTimeoutKey() {
        return "send-timeout";
    }
}
