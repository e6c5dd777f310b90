package dev.herald.providers.http;

import dev.herald.core.channel.SendResult;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.function.Function;
import java.net.URI;

/**
 * One provider's HTTP connection pool and the error rules every HTTP provider shares: 2xx is for the provider to
 * read; 429 and 5xx are passing failures (honouring {@code Retry-After}); timeouts and connection errors are passing
 * failures; 401 (our credentials) is passing too; any other 4xx is a permanent refusal. Providers refine the 4xx cases they know (a dead device token,
 * an invalid phone number) before falling back to {@link #classify}.
 */
public final class HttpCarrier {
    private final String provider;
    private final HttpClient client;
    private final HttpSettings settings;
    private final RetryAfter retryAfter;
    // Provider answers worth reading are small JSON; anything past this is dropped unread.
    private static final int MAX_BODY = 64 * 1024;
    private final ExecutorService readers = Executors.newVirtualThreadPerTaskExecutor();

    public HttpCarrier(String provider, HttpSettings settings, Clock clock) {
        this.provider = provider;
        this.settings = settings;
        this.retryAfter = new RetryAfter(clock);
        // HttpClient keeps connections alive and reuses them: one client per provider is the pool.
        this.client = HttpClient.newBuilder()
                .connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** A request builder with the provider's total deadline already set. */
    public HttpRequest.Builder request(URI uri) {
        return HttpRequest.newBuilder(uri).timeout(settings.requestTimeout());
    }

    /**
     * Sends the request; a 2xx answer goes to {@code onSuccess}, anything else to {@code onFailure} (which may
     * recognise provider-specific refusals and otherwise call {@link #classify}).
     */
    public SendResult exchange(HttpRequest request, Function<HttpAnswer, SendResult> onSuccess,
                               Function<HttpAnswer, SendResult> onFailure) {
        HttpAnswer answer;
        Duration limit = request.timeout().filter(t -> t.compareTo(settings.requestTimeout()) < 0)
                .orElse(settings.requestTimeout());
        long deadline = System.nanoTime() + limit.toNanos();
        CompletableFuture<HttpResponse<InputStream>> sending = null;
        try {
            // One deadline for everything, connect to the last byte read: the request's own timeout covers the wait
            // for the headers only, and at most MAX_BODY of the body is read, so a slow or endless answer cannot
            // hold a dispatcher or its memory past the provider's longest send.
            sending = client.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream());
            HttpResponse<InputStream> response = sending.get(left(deadline), TimeUnit.NANOSECONDS);
            try (InputStream in = response.body()) {
                Future<byte[]> body = readers.submit(() -> in.readNBytes(MAX_BODY));
                byte[] bytes = body.get(left(deadline), TimeUnit.NANOSECONDS);
                answer = new HttpAnswer(response.statusCode(), response.headers(),
                        new String(bytes, StandardCharsets.UTF_8));
            }
        } catch (TimeoutException e) {
            if (sending != null) {
                sending.cancel(true);
            }
            return new SendResult.Retry(provider, "timed out after " + settings.requestTimeout().toMillis() + " ms");
        } catch (ExecutionException e) {
            return switch (e.getCause()) {
                case HttpTimeoutException timeout ->
                        new SendResult.Retry(provider, "timed out after " + settings.requestTimeout().toMillis()
                                + " ms");
                case IOException io -> new SendResult.Retry(provider, "connection failed: "
                        + io.getClass().getSimpleName() + (io.getMessage() == null ? "" : " " + io.getMessage()));
                default -> new SendResult.Retry(provider, "request failed: " + e.getCause().getClass().getSimpleName());
            };
        } catch (IOException e) {
            return new SendResult.Retry(provider, "reading the answer failed: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            if (sending != null) {
                sending.cancel(true);
            }
            Thread.currentThread().interrupt();
            return new SendResult.Retry(provider, "interrupted while sending");
        }
        return answer.isSuccess() ? onSuccess.apply(answer) : onFailure.apply(answer);
    }

    private static long left(long deadline) {
        return Math.max(0, deadline - System.nanoTime());
    }

    /** The longest one exchange can take: the provider's request deadline, which bounds it from connect to read. */
    public Duration longestSend() {
        return settings.requestTimeout();
    }

    public SendResult exchange(HttpRequest request, Function<HttpAnswer, SendResult> onSuccess) {
        return exchange(request, onSuccess, this::classify);
    }

    /** The shared rules for a non-2xx answer. */
    public SendResult classify(HttpAnswer answer) {
        String reason = "HTTP " + answer.status() + (answer.bodySnippet().isEmpty() ? "" : ": " + answer.bodySnippet());
        if (answer.isPassingFailure()) {
            return new SendResult.Retry(provider, reason, retryAfter.from(answer.headers()));
        }
        if (answer.status() == 401) {
            // Our credentials were refused: nothing is wrong with the message, and once an operator fixes the
            // configuration the delivery (or its dead letter) should still go out.
            return new SendResult.Retry(provider, "credentials refused (HTTP 401): check the " + provider
                    + " provider configuration");
        }
        return new SendResult.Rejected(provider, reason, false);
    }

    public String provider() {
        return provider;
    }
}
