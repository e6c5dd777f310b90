package dev.herald.providers.apns;

import com.eatthepath.pushy.apns.ApnsClientBuilder;
import dev.herald.providers.http.HttpSettings;
import dev.herald.providers.push.KeySource;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One app's connection to APNs with token-based authentication: the {@code .p8} signing key from the Apple
 * developer account with its {@code teamId} and {@code keyId}, and the app's bundle id as {@code topic}.
 * {@code host} is {@link ApnsClientBuilder#PRODUCTION_APNS_HOST} by default or
 * {@link ApnsClientBuilder#DEVELOPMENT_APNS_HOST} for development builds of the app. The installation names the
 * key's file; a tenant's integration gives its text. {@code trustedServerCertificates} (PEM) replaces the system
 * trust store and exists only to test against a local mock server.
 * {@code http.connectTimeout} bounds connecting, {@code http.requestTimeout} how long a send waits for APNs' answer.
 */
public record ApnsSettings(String name, String host, int port, String topic, KeySource signingKey, String teamId,
                           String keyId, KeySource trustedServerCertificates, HttpSettings http) {

    public ApnsSettings {
        name = blankToNull(name) == null ? "apns" : name;
        host = blankToNull(host) == null ? ApnsClientBuilder.PRODUCTION_APNS_HOST : host;
        port = port <= 0 ? ApnsClientBuilder.DEFAULT_APNS_PORT : port;
        Objects.requireNonNull(blankToNull(topic), "APNs topic (the app's bundle id) is required");
        Objects.requireNonNull(signingKey, "APNs signingKeyFile (.p8) or signingKey is required");
        Objects.requireNonNull(blankToNull(teamId), "APNs teamId is required");
        Objects.requireNonNull(blankToNull(keyId), "APNs keyId is required");
        http = http == null ? HttpSettings.defaults() : http;
    }

    /** Production APNs, the usual case. */
    public static ApnsSettings of(String name, String topic, Path signingKeyFile, String teamId, String keyId) {
        return new ApnsSettings(name, null, 0, topic, KeySource.file(signingKeyFile), teamId, keyId, null, null);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
