package dev.herald.providers.fcm;

import com.google.api.client.http.HttpResponseException;
import com.google.auth.oauth2.ServiceAccountCredentials;
import dev.herald.providers.push.KeySource;
import dev.herald.providers.push.UnreadableKey;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * OAuth2 access tokens for FCM, minted from a service-account key by Google's auth library (a JWT-bearer grant at
 * the key's token endpoint). The library caches the token and refreshes it shortly before it expires; this class
 * only bounds how long a send waits for it and forces a fresh one after FCM answered 401.
 */
final class FcmAccessTokens {
    static final String SCOPE = "https://www.googleapis.com/auth/firebase.messaging";

    private final ServiceAccountCredentials credentials;
    private final Duration deadline;
    private final AtomicBoolean refused = new AtomicBoolean();
    // The library's token request has its own 20 s timeouts and no way to shorten them; fetching on a virtual
    // thread lets a send give up at our deadline while the fetch finishes (and fills the cache) in the background.
    private final Executor fetcher = task -> Thread.ofVirtual().name("fcm-token").start(task);

    FcmAccessTokens(ServiceAccountCredentials credentials, Duration deadline) {
        this.credentials = credentials;
        this.deadline = deadline;
    }

    /**
     * Reads a service-account key. Library retries are off: a failed fetch becomes a Retry of the delivery, which
     * the dispatcher backs off, instead of seconds of hidden retrying inside one send.
     */
    static ServiceAccountCredentials load(KeySource serviceAccount, String tokenUri) {
        ServiceAccountCredentials key;
        try (InputStream in = serviceAccount.open()) {
            key = ServiceAccountCredentials.fromStream(in);
        } catch (IOException | RuntimeException e) {
            // Named by the file or the setting and the failure's type: the parser's message may quote the key.
            throw new UnreadableKey("FCM service-account key", serviceAccount, e);
        }
        ServiceAccountCredentials.Builder builder = key.toBuilder()
                .setScopes(List.of(SCOPE))
                .setDefaultRetriesEnabled(false);
        if (tokenUri != null) {
            builder.setTokenServerUri(URI.create(tokenUri));
        }
        return builder.build();
    }

    /** The token endpoint this key's tokens come from. */
    URI endpoint() {
        return credentials.getTokenServerUri();
    }

    /** A valid access token, or {@link Unavailable} saying why none could be had in time. */
    String current() throws Unavailable {
        CompletableFuture<String> fetch = CompletableFuture.supplyAsync(this::fetch, fetcher);
        try {
            return fetch.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new Unavailable("the token endpoint did not answer within " + deadline.toMillis() + " ms");
        } catch (ExecutionException e) {
            throw new Unavailable(describe(e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unavailable("interrupted");
        }
    }

    /** FCM refused the current token (revoked, or the key was rotated): the next send fetches a new one. */
    void refused() {
        refused.set(true);
    }

    private String fetch() {
        try {
            if (refused.get()) {
                credentials.refresh();
                refused.set(false);
            } else {
                credentials.refreshIfExpired();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return credentials.getAccessToken().getTokenValue();
    }

    /** The status or failure type only: the library's messages quote the token endpoint's answer and our key's id. */
    private static String describe(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof HttpResponseException answer) {
                return "the token endpoint answered HTTP " + answer.getStatusCode();
            }
        }
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return "the token request failed (" + root.getClass().getSimpleName() + ")";
    }

    /** No access token could be had; the reason is safe to record on the delivery. */
    static final class Unavailable extends Exception {
        Unavailable(String reason) {
            super(reason, null, false, false);
        }
    }
}
