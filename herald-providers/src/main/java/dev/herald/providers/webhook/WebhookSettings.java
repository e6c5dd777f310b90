package dev.herald.providers.webhook;

import dev.herald.providers.http.HttpSettings;

import java.util.List;

/**
 * One signed-webhook endpoint and what callers may do beyond it.
 *
 * @param name            the provider's name on each delivery, so several webhook providers can coexist
 * @param url             the operator's endpoint, used when the address is a user id (may be null if only inline
 *                        URLs are used); trusted as configured, so any scheme and host
 * @param secret          the configured endpoint's Standard Webhooks signing secret, {@code whsec_} followed by
 *                        base64 of at least 24 random bytes (required with {@code url})
 * @param inlineSecret    the secret inline URLs are signed with (required with {@code allowInlineUrls}); it must
 *                        differ from {@code secret}, because whoever receives inline webhooks is given it to verify
 *                        them and must not be able to sign for the configured endpoint
 * @param http            timeouts
 * @param allowInlineUrls let callers give a URL as the address (default false: such URLs come from API callers,
 *                        and each is a request Herald makes on their behalf)
 * @param allowedHosts    the only hosts an inline URL may name (default none)
 * @param allowHttp       accept plain http for inline URLs (default false; for local test peers only)
 * @param allowInternalAddresses accept inline URLs whose host resolves to a loopback, private, link-local,
 *                        unspecified or multicast address (default false; for local test peers only)
 */
public record WebhookSettings(String name, String url, String secret, String inlineSecret, HttpSettings http,
                              boolean allowInlineUrls, List<String> allowedHosts, boolean allowHttp,
                              boolean allowInternalAddresses) {
    public WebhookSettings {
        name = name == null || name.isBlank() ? "webhook" : name;
        http = http == null ? HttpSettings.defaults() : http;
        allowedHosts = allowedHosts == null ? List.of() : List.copyOf(allowedHosts);
    }

    /** An endpoint with a secret; inline URLs off. */
    public static WebhookSettings endpoint(String name, String url, String secret) {
        return new WebhookSettings(name, url, secret, null, HttpSettings.defaults(), false, List.of(), false, false);
    }

    /** Never print the secret, however the settings end up in a log or an error. */
    @Override
    public String toString() {
        return "WebhookSettings[name=" + name + ", url=" + url + ", secret=***, inlineSecret=***, http=" + http
                + ", allowInlineUrls=" + allowInlineUrls + ", allowedHosts=" + allowedHosts + ", allowHttp=" + allowHttp
                + ", allowInternalAddresses=" + allowInternalAddresses + "]";
    }
}
