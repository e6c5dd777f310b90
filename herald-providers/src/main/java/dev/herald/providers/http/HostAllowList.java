package dev.herald.providers.http;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Collection;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The hosts Herald may POST to when the URL comes from data rather than from the operator (a user's Slack webhook,
 * a caller's inline webhook URL). Without it, anyone who can set an address could make Herald call internal
 * services (SSRF): cloud metadata, admin ports, the database. Hosts match exactly (no wildcards), and plain http is
 * refused unless {@code allowHttp}, which exists for local test peers.
 */
public final class HostAllowList {
    private final Set<String> hosts;
    private final boolean allowHttp;

    public HostAllowList(Collection<String> hosts, boolean allowHttp) {
        this.hosts = hosts.stream().map(HostAllowList::normalise).collect(Collectors.toUnmodifiableSet());
        this.allowHttp = allowHttp;
    }

    /** What may be called, or why not; a refusal names the host at most, never the URL (it may hold a token). */
    public sealed interface Verdict {
        record Allowed(URI uri) implements Verdict {
        }

        record Refused(String reason) implements Verdict {
        }
    }

    public Verdict check(String url) {
        URI uri;
        try {
            uri = new URI(url == null ? "" : url.strip());
        } catch (URISyntaxException e) {
            return new Verdict.Refused("not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !(scheme.equals("http") && allowHttp)) {
            return new Verdict.Refused(scheme.equals("http") ? "plain http is not allowed" : "not an https URL");
        }
        if (uri.getHost() == null) {
            return new Verdict.Refused("URL has no host");
        }
        // Credentials in the URL are never needed here and are a classic way to disguise the real host.
        if (uri.getRawUserInfo() != null) {
            return new Verdict.Refused("URL must not carry user info");
        }
        String host = normalise(uri.getHost());
        if (!hosts.contains(host)) {
            return new Verdict.Refused("host " + host + " is not in allowedHosts");
        }
        return new Verdict.Allowed(uri);
    }

    /** "Hooks.Slack.com." and "hooks.slack.com" are the same host to DNS, so they must be to the allow-list too. */
    private static String normalise(String host) {
        String h = host.strip().toLowerCase(Locale.ROOT);
        return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
    }
}
