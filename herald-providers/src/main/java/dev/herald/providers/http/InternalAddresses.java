package dev.herald.providers.http;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Optional;

/**
 * Addresses a URL taken from data must not lead to: this host (loopback), private networks (RFC 1918, the IPv6
 * unique-local fc00::/7, shared 100.64/10), link-local (169.254/16 with the cloud metadata service at
 * 169.254.169.254, fe80::/10), the unspecified address (0.0.0.0/8, ::) and multicast. Names the kind, never
 * the address.
 */
public final class InternalAddresses {
    private InternalAddresses() {
    }

    public static Optional<String> kindOf(InetAddress address) {
        byte[] b = address.getAddress();
        if (address.isLoopbackAddress()) {
            return Optional.of("loopback");
        }
        if (address.isLinkLocalAddress()) {
            return Optional.of("link-local");
        }
        if (address.isAnyLocalAddress() || (address instanceof Inet4Address && b[0] == 0)) {
            return Optional.of("unspecified");
        }
        if (address.isMulticastAddress()) {
            return Optional.of("multicast");
        }
        if (address.isSiteLocalAddress()
                || (address instanceof Inet4Address && (b[0] & 0xff) == 100 && (b[1] & 0xc0) == 64)
                || (address instanceof Inet6Address && (b[0] & 0xfe) == 0xfc)) {
            return Optional.of("private");
        }
        return Optional.empty();
    }
}
