package dev.herald.jdbc;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Group commit: concurrent callers hand over their writes, a writer commits everything waiting in one
 * transaction, and each caller returns only once its own write is committed. Durability per caller is unchanged;
 * the number of commits (the cost that dominates a forced-to-disk database) drops by the group size.
 * If a group fails, its items are retried one by one so only the offending write fails.
 * Writers are virtual threads started on demand that end after a short idle spell, so nothing needs closing.
 * An urgent write goes ahead of the others waiting and into a group of urgent writes only, so it waits for at most
 * the groups already being written, never for a group of bulk writes formed around it.
 */
final class GroupCommit<T> {
    private static final long IDLE_MILLIS = 50;

    private record Pending<T>(T item, boolean urgent, CompletableFuture<Void> done) {
    }

    private final Consumer<List<T>> writeInOneTransaction;
    private final int maxGroup;
    private final int maxWriters;
    private final LinkedBlockingDeque<Pending<T>> queue = new LinkedBlockingDeque<>();
    private final AtomicInteger writers = new AtomicInteger();

    GroupCommit(Consumer<List<T>> writeInOneTransaction, int maxGroup, int maxWriters) {
        this.writeInOneTransaction = writeInOneTransaction;
        this.maxGroup = maxGroup;
        this.maxWriters = maxWriters;
    }

    /** Blocks until the item is committed; rethrows what its write threw. */
    void write(T item) {
        write(item, false);
    }

    /** As {@link #write(Object)}; an urgent item is written ahead of the items waiting, in a group of urgent ones. */
    void write(T item, boolean urgent) {
        Pending<T> pending = new Pending<>(item, urgent, new CompletableFuture<>());
        if (urgent) {
            queue.addFirst(pending);
        } else {
            queue.addLast(pending);
        }
        ensureWriter();
        try {
            pending.done().join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw e;
        }
    }

    /** Writes handed over and not yet picked up by a writer. */
    int waiting() {
        return queue.size();
    }

    private void ensureWriter() {
        while (!queue.isEmpty()) {
            int running = writers.get();
            if (running >= maxWriters) {
                return;
            }
            if (writers.compareAndSet(running, running + 1)) {
                Thread.ofVirtual().name("herald-group-commit").start(this::drain);
                return;
            }
        }
    }

    private void drain() {
        try {
            List<Pending<T>> group = new ArrayList<>(maxGroup);
            while (true) {
                Pending<T> first = queue.pollFirst(IDLE_MILLIS, TimeUnit.MILLISECONDS);
                if (first == null) {
                    return;
                }
                group.add(first);
                fill(group, first.urgent());
                commit(group);
                group.clear();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            writers.decrementAndGet();
            // An item may have arrived while this writer was deciding to stop.
            ensureWriter();
        }
    }

    /** Adds waiting items of the same kind, stopping at one of the other kind (it leads the next group). */
    private void fill(List<Pending<T>> group, boolean urgent) {
        while (group.size() < maxGroup) {
            Pending<T> next = queue.pollFirst();
            if (next == null) {
                return;
            }
            if (next.urgent() != urgent) {
                queue.addFirst(next);
                return;
            }
            group.add(next);
        }
    }

    private void commit(List<Pending<T>> group) {
        try {
            writeInOneTransaction.accept(group.stream().map(Pending::item).toList());
            group.forEach(p -> p.done().complete(null));
        } catch (RuntimeException groupFailed) {
            if (group.size() == 1) {
                group.getFirst().done().completeExceptionally(groupFailed);
                return;
            }
            for (Pending<T> p : group) {
                try {
                    writeInOneTransaction.accept(List.of(p.item()));
                    p.done().complete(null);
                } catch (RuntimeException itemFailed) {
                    p.done().completeExceptionally(itemFailed);
                } catch (Error fatal) {
                    failAll(group, fatal);
                    throw fatal;
                }
            }
        } catch (Error fatal) {
            // Never leave a caller waiting forever: fail the group, then let the writer die (another starts).
            failAll(group, fatal);
            throw fatal;
        }
    }

    private static <T> void failAll(List<Pending<T>> group, Throwable cause) {
        group.forEach(p -> p.done().completeExceptionally(cause));
    }
}
