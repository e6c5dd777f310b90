package dev.herald.providers.webhook;

import dev.herald.providers.http.HttpSettings;

import java.util.List;

/**
 * One signed-webhook endpoint and what callers may do beyond it.
 *
 * @param name            the provider's name on each delivery, so several webhook providers can coexist
 * @param url             the operator's endpoint, used when the address is a user id (may be null if only inline
 *                        URLs are used); trusted as configured, so any scheme and host
 * @param secret          the Standard Webhooks signing secret, {@code whsec_} followed by base64 (at least 24
 *                        random bytes is the usual advice)
 * @param http            timeouts
 * @param allowInlineUrls let callers give a URL as the address (default false: such URLs come from API callers,
 *                        and each is a request Herald makes on their behalf)
 * @param allowedHosts    the only hosts an inline URL may name (default none)
 * @param allowHttp       accept plain http for inline URLs (default false; for local test peers only)
 */
public record WebhookSettings(String name, String url, String secret, HttpSettings http, boolean allowInlineUrls,
                              List<String> allowedHosts, boolean allowHttp) {
    public WebhookSettings {
        name = name == null || name.isBlank() ? "webhook" : name;
        http = http == null ? HttpSettings.defaults() : http;
        allowedHosts = allowedHosts == null ? List.of() : List.copyOf(allowedHosts);
    }

    /** An endpoint with a secret; inline URLs off. */
    public static WebhookSettings endpoint(String name, String url, String secret) {
        return new WebhookSettings(name, url, secret, HttpSettings.defaults(), false, List.of(), false);
    }

    /** Never print the secret, however the settings end up in a log or an error. */
    @Override
    public String toString() {
        return "WebhookSettings[name=" + name + ", url=" + url + ", secret=***, http=" + http + ", allowInlineUrls="
                + allowInlineUrls + ", allowedHosts=" + allowedHosts + ", allowHttp=" + allowHttp + "]";
    }
}
