package dev.herald.server.config;

import dev.herald.core.channel.ChannelProvider;
import dev.herald.providers.httpsms.HttpSmsGatewayProvider;
import dev.herald.providers.httpsms.HttpSmsGatewaySettings;

import java.net.URI;
import java.time.Clock;
import java.util.List;

/** {@code herald.providers.http-sms}: SMS through any gateway that takes a JSON POST. */
final class HttpSmsProviderFactory implements ProviderFactory<ProvidersProperties.HttpSms> {
    private final Clock clock;

    HttpSmsProviderFactory(Clock clock) {
        this.clock = clock;
    }

    @Override
    public String kind() {
        return "http-sms";
    }

    @Override
    public List<ProvidersProperties.HttpSms> entries(ProvidersProperties providers) {
        return providers.httpSms();
    }

    @Override
    public ChannelProvider create(String name, ProvidersProperties.HttpSms s) {
        return new HttpSmsGatewayProvider(new HttpSmsGatewaySettings(name, s.url() == null ? null : URI.create(s.url()),
                s.authHeaderName(), s.authHeaderValue(), s.bodyTemplate(), s.from(), s.messageIdPointer(),
                s.http().settings()), clock);
    }
}
