package dev.herald.server.config;

import dev.herald.core.request.Violations;
import dev.herald.providers.http.InternalAddresses;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;

/**
 * Hosts and URLs a tenant names in its settings must lead outside: https only, no user info, and every address the
 * host resolves to public (not loopback, private, link-local with the metadata service, unspecified or multicast),
 * unless the operator allows internal addresses (test peers). Otherwise a tenant could make Herald connect to
 * internal services (SSRF) with an SMTP host, a gateway URL or a status webhook.
 */
public final class PublicHosts {
    private final boolean allowInternalAddresses;

    public PublicHosts(boolean allowInternalAddresses) {
        this.allowInternalAddresses = allowInternalAddresses;
    }

    /** Adds a violation naming {@code settings.<key>} unless the host (or the URL's host) leads outside. */
    void check(Violations v, String key, boolean url, Object value) {
        checkField(v, "settings." + key, null, url, value);
    }

    /** As above, the messages saying which part of the setting is wrong ({@code "its token_uri"}) when not all of it. */
    void check(Violations v, String key, String part, boolean url, Object value) {
        checkField(v, "settings." + key, part, url, value);
    }

    /** Adds a violation naming {@code field} unless the host (or the URL's host) leads outside. */
    public void checkField(Violations v, String field, boolean url, Object value) {
        checkField(v, field, null, url, value);
    }

    private void checkField(Violations v, String field, String part, boolean url, Object value) {
        String it = part == null ? "" : part + " ";
        if (value == null || value.toString().isBlank()) {
            return;
        }
        String host = value.toString().strip();
        if (url) {
            URI uri;
            try {
                uri = new URI(host);
            } catch (URISyntaxException e) {
                v.add(field, "format", it + "is not a valid URL");
                return;
            }
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("https") && !(scheme.equals("http") && allowInternalAddresses)) {
                v.add(field, "format", it + "must be an https URL");
                return;
            }
            if (uri.getHost() == null || uri.getRawUserInfo() != null) {
                v.add(field, "format", it + "must name a host and carry no user info");
                return;
            }
            host = uri.getHost();
        }
        if (allowInternalAddresses) {
            return;
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            v.add(field, "unresolvable", it + "names a host that does not resolve");
            return;
        }
        for (InetAddress address : addresses) {
            Optional<String> internal = InternalAddresses.kindOf(address);
            if (internal.isPresent()) {
                v.add(field, "internal-address", it + "resolves to a " + internal.get()
                        + " address; only public hosts may be reached");
                return;
            }
        }
    }
}
