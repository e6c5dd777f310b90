package dev.herald.core.cache;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Cache invalidation within this process (the embedded default, one node): a change is heard by the subscribers at
 * once, on the publishing thread.
 */
public final class LocalCacheInvalidation implements CacheInvalidation {
    private final Map<String, List<Consumer<String>>> subscribers = new ConcurrentHashMap<>();

    @Override
    public void publish(String cache, String key) {
        subscribers.getOrDefault(cache, List.of()).forEach(s -> s.accept(key));
    }

    @Override
    public Subscription subscribe(String cache, Consumer<String> onChanged) {
        // A wrapper per subscription, so closing removes this one even when the same consumer subscribed twice.
        Consumer<String> mine = onChanged::accept;
        subscribers.computeIfAbsent(cache, c -> new CopyOnWriteArrayList<>()).add(mine);
        return () -> subscribers.getOrDefault(cache, List.of()).remove(mine);
    }
}
