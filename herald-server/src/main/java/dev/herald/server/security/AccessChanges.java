package dev.herald.server.security;

import dev.herald.core.cache.CacheInvalidation;
import dev.herald.core.model.FailureKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pushes access changes (a key revoked, a tenant suspended or removed) to every node, so each reads the access
 * version again at once instead of when its view has aged ({@link AccessVersion}). Through Redis that reaches every
 * node; in-process it reaches this one only, and the version's own recheck covers the rest. Announced after the
 * change committed: a node that reads the version on hearing it must find the new one.
 */
public final class AccessChanges implements AutoCloseable {
    static final String CACHE = "access";
    private static final Logger LOG = LoggerFactory.getLogger(AccessChanges.class);

    private final CacheInvalidation invalidation;
    private final CacheInvalidation.Subscription subscription;

    public AccessChanges(CacheInvalidation invalidation, AccessVersion version) {
        this.invalidation = invalidation;
        this.subscription = invalidation.subscribe(CACHE, changed -> version.forget());
    }

    public void announce() {
        try {
            invalidation.publish(CACHE, "version");
        } catch (RuntimeException e) {
            // The change is committed; other nodes see it at their next recheck of the version.
            LOG.warn("could not announce an access change: {}", FailureKind.of(e));
        }
    }

    @Override
    public void close() {
        subscription.close();
    }
}
