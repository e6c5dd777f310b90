package dev.herald.providers.webhook;

import java.time.Instant;
import java.util.Optional;

/**
 * Port: webhook endpoints that answered 410 Gone and so get nothing more until someone re-enables them. The
 * receiver said it is gone for good; posting on would only burn attempts and its bandwidth. Keyed by URL.
 */
public interface DisabledEndpoints {
    /** When and why the endpoint was disabled, or empty while it is enabled. */
    Optional<Disabled> find(String url);

    void disable(String url, String reason, Instant at);

    /** Lets an operator turn the endpoint back on once its owner has fixed it. */
    void enable(String url);

    default boolean isDisabled(String url) {
        return find(url).isPresent();
    }

    /** One disabled endpoint: why (the receiver's answer) and since when. */
    record Disabled(String reason, Instant at) {
    }
}
