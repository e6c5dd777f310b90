package dev.herald.providers.http;

import java.time.Duration;

/**
 * How a provider talks HTTP: connect timeout, and a total deadline per request that must stay well inside the
 * dispatcher's lease, or a slow answer would let another worker send the same delivery again.
 */
public record HttpSettings(Duration connectTimeout, Duration requestTimeout) {
    public static HttpSettings defaults() {
        return new HttpSettings(Duration.ofSeconds(5), Duration.ofSeconds(10));
    }
}
