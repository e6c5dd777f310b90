package dev.herald.server.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import java.time.Duration;
import java.util.function.Function;

/**
 * What this node read from a store for the hot path, kept in memory: dropped at once when this node changes it, and
 * after at most 30 s otherwise, which is how long another node's change takes to arrive (until changes are
 * broadcast). One place for that promise, so the type rules and the templates cannot drift apart.
 */
public final class NodeCache<K, V> {
    private static final Duration LIFETIME = Duration.ofSeconds(30);
    private static final long MAX_ENTRIES = 100_000;

    private final Cache<K, V> cache = Caffeine.newBuilder().maximumSize(MAX_ENTRIES).expireAfterWrite(LIFETIME)
            .build();
    private final Function<K, V> load;

    /** @param load reads one value from the store; an absent value is cached too (use Optional) */
    public NodeCache(Function<K, V> load) {
        this.load = load;
    }

    public V get(K key) {
        return cache.get(key, load);
    }

    /** This node changed the value: the next read goes to the store. */
    public void forget(K key) {
        cache.invalidate(key);
    }
}
