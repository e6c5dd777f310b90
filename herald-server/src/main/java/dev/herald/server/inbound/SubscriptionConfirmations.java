package dev.herald.server.inbound;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * Confirms an SNS subscription the way SNS asks: a GET of the message's SubscribeURL, which must name an allowed
 * SNS host like the signing certificate's. Nothing from the answer is read beyond its status.
 */
public final class SubscriptionConfirmations {
    private final HttpClient http;
    private final SnsHosts hosts;
    private final Duration timeout;

    public SubscriptionConfirmations(HttpClient http, SnsHosts hosts, Duration timeout) {
        this.http = http;
        this.hosts = hosts;
        this.timeout = timeout;
    }

    /** @return whether SNS answered 2xx; false for a URL SNS would not give, or a failed call */
    public boolean confirm(String subscribeUrl) {
        Optional<URI> uri = hosts.check(subscribeUrl);
        if (uri.isEmpty()) {
            return false;
        }
        try {
            HttpResponse<Void> answer = http.send(HttpRequest.newBuilder(uri.get()).timeout(timeout).GET().build(),
                    HttpResponse.BodyHandlers.discarding());
            return answer.statusCode() / 100 == 2;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
