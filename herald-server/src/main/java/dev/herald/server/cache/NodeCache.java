package dev.herald.server.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.herald.core.cache.CacheInvalidation;
import dev.herald.core.model.TenantId;

import java.time.Duration;
import java.util.function.Function;

/**
 * What this node read from a store for the hot path, kept in memory: dropped at once when any node changes it (the
 * change is announced through {@link CacheInvalidation}: in-process on one node, Redis pub/sub across nodes), and
 * after at most 30 s otherwise. The lifetime stays because cross-node announcements are at most once: a node that
 * missed one (disconnected from Redis at that moment) still drops its copy within 30 s. One place for that promise,
 * so the type rules and the templates cannot drift apart.
 */
public final class NodeCache<K, V> {
    /** How long a value is kept at most; also how long a missed invalidation can leave a node behind. */
    public static final Duration LIFETIME = Duration.ofSeconds(30);
    private static final long MAX_ENTRIES = 100_000;

    private final Cache<String, V> cache = Caffeine.newBuilder().maximumSize(MAX_ENTRIES).expireAfterWrite(LIFETIME)
            .build();
    private final String name;
    private final Function<K, V> load;
    private final Function<K, String> text;
    private final CacheInvalidation invalidation;

    /**
     * @param name what changes are announced under (one name per cache, the same on every node)
     * @param load reads one value from the store; an absent value is cached too (use Optional)
     * @param text the key as it travels between nodes (see {@link #key})
     */
    public NodeCache(String name, Function<K, V> load, Function<K, String> text, CacheInvalidation invalidation) {
        this.name = name;
        this.load = load;
        this.text = text;
        this.invalidation = invalidation;
        // Lives as long as the application: the cache is a singleton of the context.
        invalidation.subscribe(name, cache::invalidate);
    }

    public V get(K key) {
        return cache.get(text.apply(key), t -> load.apply(key));
    }

    /** The value changed: this node's next read goes to the store, and every other node is told to do the same. */
    public void forget(K key) {
        String t = text.apply(key);
        cache.invalidate(t);
        invalidation.publish(name, t);
    }

    /**
     * A tenant's key as text that cannot be confused with another (each part carries its length), so an
     * announcement names exactly one entry whatever characters the parts hold.
     */
    public static String key(TenantId tenant, String... parts) {
        StringBuilder key = new StringBuilder().append(tenant.value().length()).append(':').append(tenant.value());
        for (String part : parts) {
            String p = String.valueOf(part);
            key.append('|').append(p.length()).append(':').append(p);
        }
        return key.toString();
    }
}
