package dev.herald.server.config;

import dev.herald.core.channel.ChannelProvider;
import dev.herald.core.channel.DisabledEndpoints;
import dev.herald.providers.webhook.WebhookProvider;
import dev.herald.providers.webhook.WebhookSettings;

import java.time.Clock;
import java.util.List;

/** {@code herald.providers.webhook}: signed webhooks (Standard Webhooks), endpoints that answered 410 disabled. */
final class WebhookProviderFactory implements ProviderFactory<ProvidersProperties.Webhook> {
    private final DisabledEndpoints disabled;
    private final Clock clock;

    WebhookProviderFactory(DisabledEndpoints disabled, Clock clock) {
        this.disabled = disabled;
        this.clock = clock;
    }

    @Override
    public String kind() {
        return "webhook";
    }

    @Override
    public List<ProvidersProperties.Webhook> entries(ProvidersProperties providers) {
        return providers.webhook();
    }

    @Override
    public ChannelProvider create(String name, ProvidersProperties.Webhook s) {
        return new WebhookProvider(new WebhookSettings(name, s.url(), s.secret(), s.inlineSecret(),
                s.http().settings(), s.allowInlineUrls(), s.allowedHosts() == null ? List.of() : s.allowedHosts(),
                s.allowHttp(), s.allowInternalAddresses()), disabled, clock);
    }
}
