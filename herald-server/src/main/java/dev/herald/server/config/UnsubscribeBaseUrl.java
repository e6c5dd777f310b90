package dev.herald.server.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;

/**
 * The base of unsubscribe links, checked at start-up: {@code herald.public-base-url} as an absolute https URL
 * without query or fragment. Plain http would let anyone on the path read a link (and with it the user's
 * preferences) and is refused unless {@code herald.unsubscribe.allow-http} says this is a trial on a laptop.
 */
final class UnsubscribeBaseUrl {
    private UnsubscribeBaseUrl() {
    }

    /** The base URL without a trailing slash; null when links are off or no public URL is set. */
    static String of(HeraldProperties properties) {
        HeraldProperties.Unsubscribe settings = properties.unsubscribe();
        String url = properties.publicBaseUrl();
        if (!settings.enabled() || url == null || url.isBlank()) {
            return null;
        }
        if (settings.linkTtl() == null || settings.linkTtl().compareTo(Duration.ofMinutes(1)) < 0) {
            throw new StartupProblem("herald.unsubscribe.link-ttl is " + settings.linkTtl()
                    + "; an unsubscribe link must keep working for days.", "Set herald.unsubscribe.link-ttl to a"
                    + " duration like 60d (the default).");
        }
        if (settings.mailto() != null && !settings.mailto().isBlank()
                && (settings.mailto().length() > 254 || !settings.mailto().strip().matches("[^\\s<>@,]+@[^\\s<>@,]+"))) {
            throw new StartupProblem("herald.unsubscribe.mailto is not an email address.",
                    "Set herald.unsubscribe.mailto to an address like unsubscribe@example.com, or remove it.");
        }
        String trimmed = url.strip();
        URI uri;
        try {
            uri = new URI(trimmed);
        } catch (URISyntaxException e) {
            throw new StartupProblem("herald.public-base-url is not a URL.",
                    "Set herald.public-base-url to where users reach Herald, like https://herald.example.com.");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (uri.getHost() == null || uri.getRawQuery() != null || uri.getRawFragment() != null
                || uri.getRawUserInfo() != null || !(scheme.equals("https") || scheme.equals("http"))) {
            throw new StartupProblem("herald.public-base-url must be an absolute http(s) URL with a host and no"
                    + " user, query or fragment.", "Set herald.public-base-url like https://herald.example.com.");
        }
        if (scheme.equals("http") && !settings.allowHttp()) {
            throw new StartupProblem("herald.public-base-url is plain http, and emails would carry unsubscribe"
                    + " links over it: anyone on the way could read a link and change the user's preferences.",
                    "Serve Herald over https and set herald.public-base-url to the https URL; for a local trial"
                            + " only, set herald.unsubscribe.allow-http=true (or herald.unsubscribe.enabled=false"
                            + " to send no unsubscribe links).");
        }
        return trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
    }
}
