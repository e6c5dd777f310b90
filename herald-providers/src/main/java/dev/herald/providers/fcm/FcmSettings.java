package dev.herald.providers.fcm;

import dev.herald.providers.http.HttpSettings;
import dev.herald.providers.push.KeySource;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One Firebase project as a push carrier. {@code serviceAccount} is the service-account key JSON downloaded from
 * the Firebase console: the installation names its file (so the key stays in a file with tight permissions instead
 * of in configuration); a tenant's integration gives the JSON itself, sealed at rest. {@code projectId} defaults to
 * the key's {@code project_id}; {@code tokenUri}, when set, replaces the key's {@code token_uri} (tests point it at
 * a local peer).
 */
public record FcmSettings(String name, String baseUrl, String projectId, KeySource serviceAccount, String tokenUri,
                          HttpSettings http) {
    public static final String DEFAULT_BASE_URL = "https://fcm.googleapis.com";

    public FcmSettings {
        name = blankToNull(name) == null ? "fcm" : name;
        baseUrl = stripTrailingSlash(blankToNull(baseUrl) == null ? DEFAULT_BASE_URL : baseUrl);
        projectId = blankToNull(projectId);
        Objects.requireNonNull(serviceAccount, "FCM serviceAccountFile (or serviceAccountJson) is required");
        tokenUri = blankToNull(tokenUri);
        http = http == null ? HttpSettings.defaults() : http;
    }

    /** The usual case: Google's endpoints, the project the key belongs to. */
    public static FcmSettings of(String name, Path serviceAccountFile) {
        return new FcmSettings(name, null, null, KeySource.file(serviceAccountFile), null, null);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static String stripTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
