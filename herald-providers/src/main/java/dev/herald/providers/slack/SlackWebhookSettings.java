package dev.herald.providers.slack;

import dev.herald.providers.http.HttpSettings;

import java.util.List;

/**
 * A Slack incoming-webhook provider. The webhook URL itself is the delivery address, so there is no base URL or
 * credential here, only what limits where those URLs may point.
 *
 * @param name         the provider's name on each delivery, so two Slack providers can coexist
 * @param allowedHosts the only hosts a webhook URL may name (default {@code hooks.slack.com}); anything else is
 *                     refused without a call, so a stored address cannot steer Herald at internal services
 * @param allowHttp    accept plain http URLs (default false; for local test peers only)
 * @param allowInternalAddresses accept hosts that resolve to loopback, private, link-local, unspecified or
 *                     multicast addresses (default false; for local test peers only)
 * @param http         timeouts
 */
public record SlackWebhookSettings(String name, List<String> allowedHosts, boolean allowHttp,
                                   boolean allowInternalAddresses, HttpSettings http) {
    public static final List<String> SLACK_HOSTS = List.of("hooks.slack.com");

    public SlackWebhookSettings {
        name = name == null || name.isBlank() ? "slack-webhook" : name;
        allowedHosts = allowedHosts == null ? SLACK_HOSTS : List.copyOf(allowedHosts);
        http = http == null ? HttpSettings.defaults() : http;
    }

    /** Slack's own host only, https only, default timeouts. */
    public static SlackWebhookSettings defaults(String name) {
        return new SlackWebhookSettings(name, SLACK_HOSTS, false, false, HttpSettings.defaults());
    }
}
