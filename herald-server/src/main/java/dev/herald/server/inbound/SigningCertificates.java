package dev.herald.server.inbound;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Optional;

/**
 * SNS signing certificates by URL, fetched over https from an allowed host and kept for a while: SNS names each
 * certificate by its URL and signs many messages with one, so a burst of bounces costs one fetch. A body larger
 * than {@code maxBytes} is not read to the end; an unreadable or expired certificate is not kept.
 */
public final class SigningCertificates {
    private final HttpClient http;
    private final SnsHosts hosts;
    private final int maxBytes;
    private final Duration timeout;
    private final Cache<URI, X509Certificate> cache;

    public SigningCertificates(HttpClient http, SnsHosts hosts, int maxBytes, Duration timeout, Duration ttl) {
        this.http = http;
        this.hosts = hosts;
        this.maxBytes = maxBytes;
        this.timeout = timeout;
        this.cache = Caffeine.newBuilder().maximumSize(100).expireAfterWrite(ttl).build();
    }

    /** The certificate at {@code url}, if the URL is SNS's and it serves one; empty otherwise. */
    public Optional<X509Certificate> at(String url) {
        Optional<URI> uri = hosts.check(url);
        if (uri.isEmpty()) {
            return Optional.empty();
        }
        X509Certificate known = cache.getIfPresent(uri.get());
        if (known != null) {
            return Optional.of(known);
        }
        Optional<X509Certificate> fetched = fetch(uri.get());
        fetched.ifPresent(cert -> cache.put(uri.get(), cert));
        return fetched;
    }

    private Optional<X509Certificate> fetch(URI uri) {
        try {
            HttpResponse<InputStream> answer = http.send(HttpRequest.newBuilder(uri).timeout(timeout).GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = answer.body()) {
                if (answer.statusCode() != 200) {
                    return Optional.empty();
                }
                byte[] bytes = body.readNBytes(maxBytes + 1);
                if (bytes.length > maxBytes) {
                    return Optional.empty();
                }
                X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509")
                        .generateCertificate(new ByteArrayInputStream(bytes));
                cert.checkValidity();
                return Optional.of(cert);
            }
        } catch (IOException | CertificateException | ClassCastException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
