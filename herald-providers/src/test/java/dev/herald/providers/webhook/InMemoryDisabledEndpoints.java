package dev.herald.providers.webhook;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Disabled endpoints kept in a map, for provider tests; the server keeps them in the database. */
final class InMemoryDisabledEndpoints implements DisabledEndpoints {
    private final Map<String, Disabled> byUrl = new ConcurrentHashMap<>();

    @Override
    public Optional<Disabled> find(String url) {
        return Optional.ofNullable(byUrl.get(url));
    }

    @Override
    public void disable(String url, String reason, Instant at) {
        byUrl.put(url, new Disabled(reason, at));
    }

    @Override
    public void enable(String url) {
        byUrl.remove(url);
    }
}
