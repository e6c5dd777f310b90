package dev.herald.server.config;

import dev.herald.core.channel.ChannelProvider;
import dev.herald.providers.slack.SlackWebhookProvider;
import dev.herald.providers.slack.SlackWebhookSettings;

import java.time.Clock;
import java.util.List;

/** {@code herald.providers.slack}: Slack incoming webhooks on an allow-list of hosts. */
final class SlackProviderFactory implements ProviderFactory<ProvidersProperties.Slack> {
    private final Clock clock;

    SlackProviderFactory(Clock clock) {
        this.clock = clock;
    }

    @Override
    public String kind() {
        return "slack";
    }

    @Override
    public List<ProvidersProperties.Slack> entries(ProvidersProperties providers) {
        return providers.slack();
    }

    @Override
    public ChannelProvider create(String name, ProvidersProperties.Slack s) {
        return new SlackWebhookProvider(new SlackWebhookSettings(name,
                s.allowedHosts() == null ? SlackWebhookSettings.SLACK_HOSTS : s.allowedHosts(),
                s.allowHttp(), s.allowInternalAddresses(), s.http().settings()), clock);
    }
}
