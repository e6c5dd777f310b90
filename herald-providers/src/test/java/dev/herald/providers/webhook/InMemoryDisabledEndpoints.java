package dev.herald.providers.webhook;

import dev.herald.core.channel.DisabledEndpoints;

import java.time.Instant;
import java.util.List;
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
    public boolean enable(String url) {
        return byUrl.remove(url) != null;
    }

    @Override
    public List<Listed> list(int limit) {
        return byUrl.entrySet().stream().map(e -> new Listed(e.getKey(), e.getValue().reason(), e.getValue().at()))
                .limit(limit).toList();
    }
}
