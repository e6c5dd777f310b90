package dev.herald.providers.http;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Collection;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * The hosts Herald may POST to when the URL comes from data rather than from the operator (a user's Slack webhook,
 * a caller's inline webhook URL). Without it, anyone who can set an address could make Herald call internal
 * services (SSRF): cloud metadata, admin ports, the database. Hosts match exactly (no wildcards), and plain http is
 * refused unless {@code allowHttp}, which exists for local test peers. An allowed host is then resolved, and refused
 * if any of its addresses is internal ({@link InternalAddresses}) unless {@code allowInternalAddresses}, so a
 * public-looking name pointed at 127.0.0.1 or the metadata service does not get through either.
 *
 * <p>The JDK HttpClient resolves the host again when it connects and cannot be pinned to the checked address
 * (no resolver per client, and an IP in the URL would break TLS name checks). Both lookups go through the JVM's
 * address cache ({@code networkaddress.cache.ttl}, 30 s by default), so the connection goes to the checked address
 * unless the cached entry expires in between: the residual DNS-rebinding window is documented in ARCHITECTURE.md.
 */
public final class HostAllowList {
    private final Set<String> hosts;
    private final boolean allowHttp;
    private final boolean allowInternalAddresses;
    // A resolver that hangs must not hold a send past its lease: the lookup waits at most this long.
    private static final Duration LONGEST_LOOKUP = Duration.ofSeconds(2);
    private final ExecutorService lookups = Executors.newVirtualThreadPerTaskExecutor();

    public HostAllowList(Collection<String> hosts, boolean allowHttp, boolean allowInternalAddresses) {
        this.hosts = hosts.stream().map(HostAllowList::normalise).collect(Collectors.toUnmodifiableSet());
        this.allowHttp = allowHttp;
        this.allowInternalAddresses = allowInternalAddresses;
    }

    /** What may be called, or why not; a refusal names the host at most, never the URL (it may hold a token). */
    public sealed interface Verdict {
        record Allowed(URI uri) implements Verdict {
        }

        record Refused(String reason) implements Verdict {
        }

        /** The host could not be resolved now: a passing failure, the same URL may work later. */
        record Unresolved(String reason) implements Verdict {
        }
    }

    /** The longest {@link #check} can take: the address lookup, when addresses are checked at all. */
    public Duration longestCheck() {
        return allowInternalAddresses ? Duration.ZERO : LONGEST_LOOKUP;
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
        if (allowInternalAddresses) {
            return new Verdict.Allowed(uri);
        }
        InetAddress[] addresses;
        try {
            addresses = lookups.submit(() -> InetAddress.getAllByName(uri.getHost()))
                    .get(LONGEST_LOOKUP.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            return new Verdict.Unresolved("host " + host + " could not be resolved");
        } catch (TimeoutException e) {
            return new Verdict.Unresolved("host " + host + " not resolved within " + LONGEST_LOOKUP.toMillis()
                    + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Verdict.Unresolved("interrupted while resolving host " + host);
        }
        for (InetAddress address : addresses) {
            Optional<String> kind = InternalAddresses.kindOf(address);
            if (kind.isPresent()) {
                return new Verdict.Refused("host " + host + " resolves to a " + kind.get()
                        + " address (allow-internal-addresses is off)");
            }
        }
        return new Verdict.Allowed(uri);
    }

    /** "Hooks.Slack.com." and "hooks.slack.com" are the same host to DNS, so they must be to the allow-list too. */
    private static String normalise(String host) {
        String h = host.strip().toLowerCase(Locale.ROOT);
        return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
    }
}
