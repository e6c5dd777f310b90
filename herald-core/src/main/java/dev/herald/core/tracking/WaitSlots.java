package dev.herald.core.tracking;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * How many wait-mode callers one API key may have waiting at once: a client that opens thousands of waits holds
 * thousands of connections and reads, so past the cap its requests are answered at once instead of waiting.
 */
public final class WaitSlots {
    private final int perKey;
    // One entry per API key that ever waited: bounded by the keys that exist, which callers cannot mint.
    private final Map<UUID, Semaphore> slots = new ConcurrentHashMap<>();

    public WaitSlots(int perKey) {
        if (perKey < 0) {
            throw new IllegalArgumentException("waiters per key must not be negative");
        }
        this.perKey = perKey;
    }

    /** A slot to wait in, given back when closed; empty when the key already has {@code perKey} waiters. */
    public Optional<Slot> tryTake(UUID keyId) {
        Semaphore semaphore = slots.computeIfAbsent(keyId, k -> new Semaphore(perKey));
        return semaphore.tryAcquire() ? Optional.of(semaphore::release) : Optional.empty();
    }

    /** A taken slot; closing it (once) lets another caller of the same key wait. */
    @FunctionalInterface
    public interface Slot extends AutoCloseable {
        @Override
        void close();
    }
}
