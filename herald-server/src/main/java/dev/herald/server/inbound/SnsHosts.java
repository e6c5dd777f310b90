package dev.herald.server.inbound;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where SNS may send us to: a SigningCertURL or SubscribeURL must be https, carry no user info, and name a host the
 * pattern allows ({@code sns.<region>.amazonaws.com} by default). Anything else is not SNS, whatever it signed.
 */
public final class SnsHosts {
    private final Pattern allowed;

    public SnsHosts(String pattern) {
        this.allowed = Pattern.compile(pattern);
    }

    public Optional<URI> check(String url) {
        if (url == null || url.length() > 2048) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(url);
            if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getRawUserInfo() != null || uri.getHost() == null
                    || !allowed.matcher(uri.getHost().toLowerCase(Locale.ROOT)).matches()) {
                return Optional.empty();
            }
            return Optional.of(uri);
        } catch (java.net.URISyntaxException malformed) {
            return Optional.empty();
        }
    }
}
