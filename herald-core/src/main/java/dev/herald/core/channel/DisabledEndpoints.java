package dev.herald.core.channel;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Port: webhook endpoints that answered 410 Gone and so get nothing more until someone re-enables them. The
 * receiver said it is gone for good; posting on would only burn attempts and its bandwidth. Keyed by URL, not by
 * tenant: configured endpoints are the operator's.
 */
public interface DisabledEndpoints {
    /** When and why the endpoint was disabled, or empty while it is enabled. */
    Optional<Disabled> find(String url);

    /** Disables the endpoint; disabling it again keeps the first reason and date. */
    void disable(String url, String reason, Instant at);

    /** Lets an operator turn the endpoint back on once its owner has fixed it; false when it was not disabled. */
    boolean enable(String url);

    /** The disabled endpoints, most recently disabled first, at most {@code limit}, for operators. */
    List<Listed> list(int limit);

    /** One disabled endpoint: why (the receiver's answer) and since when. */
    record Disabled(String reason, Instant at) {
    }

    /** One disabled endpoint with its URL, for operators. */
    record Listed(String url, String reason, Instant at) {
    }
}
