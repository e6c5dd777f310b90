package dev.herald.server.security;

import dev.herald.core.model.FailureKind;
import dev.herald.core.tenancy.ApiKeyStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * When each key was last used, kept in memory and written in one batch every {@code period} and at shutdown:
 * a request costs a map write, not a database write. A crash loses at most one period of it.
 */
public final class KeyUsage {
    private static final Logger LOG = LoggerFactory.getLogger(KeyUsage.class);

    private final ApiKeyStore store;
    private final Clock clock;
    private final Duration period;
    private final Map<UUID, Instant> pending = new ConcurrentHashMap<>();
    private ScheduledExecutorService flusher;

    public KeyUsage(ApiKeyStore store, Clock clock, Duration period) {
        this.store = store;
        this.clock = clock;
        this.period = period;
    }

    public void used(UUID keyId) {
        pending.put(keyId, clock.instant());
    }

    public synchronized void start() {
        if (flusher == null) {
            flusher = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("herald-key-usage")
                    .daemon().factory());
            flusher.scheduleWithFixedDelay(this::flush, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Lets a flush in progress finish (an interrupted H2 write closes its file), then writes what is left. */
    public synchronized void stop() {
        if (flusher != null) {
            flusher.shutdown();
            try {
                if (!flusher.awaitTermination(10, TimeUnit.SECONDS)) {
                    flusher.shutdownNow();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                flusher.shutdownNow();
            }
            flusher = null;
        }
        flush();
    }

    /** Writes what was used since the last flush; on failure it is kept for the next one. */
    public void flush() {
        if (pending.isEmpty()) {
            return;
        }
        Map<UUID, Instant> batch = Map.copyOf(pending);
        // Only entries not touched again meanwhile leave the map; a newer time stays for the next flush.
        batch.forEach(pending::remove);
        try {
            store.recordUse(batch);
        } catch (RuntimeException e) {
            LOG.warn("could not record when {} API keys were last used: {}", batch.size(), FailureKind.of(e));
            batch.forEach(pending::putIfAbsent);
        }
    }
}
