package dev.herald.server.inbox;

import dev.herald.core.inbox.InboxEvent;
import dev.herald.core.inbox.InboxListener;
import dev.herald.core.model.TenantId;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The live side of the inbox: open Server-Sent Event streams per user, fed by every inbox change on this node.
 * Each stream has its own single virtual writer thread, so events reach a browser in the order they happened and
 * a slow browser never holds up the dispatcher that sent the message. A comment line every {@code heartbeat} keeps
 * proxies from closing idle streams. Changes arrive through the {@code InboxFanOut} this node subscribes to: from
 * this node alone in the embedded default, from every node with Redis.
 */
public final class InboxStreams implements InboxListener, AutoCloseable {
    private final Map<String, Set<Stream>> streams = new ConcurrentHashMap<>();
    private final AtomicInteger open = new AtomicInteger();
    private final ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "inbox-heartbeat");
        t.setDaemon(true);
        return t;
    });
    private final Duration streamTimeout;
    private final int maxStreamsPerUser;
    private final int maxStreams;

    public InboxStreams(Duration streamTimeout, Duration heartbeat, int maxStreamsPerUser, int maxStreams) {
        this.streamTimeout = streamTimeout;
        this.maxStreamsPerUser = maxStreamsPerUser;
        this.maxStreams = maxStreams;
        heartbeats.scheduleAtFixedRate(this::heartbeat, heartbeat.toMillis(), heartbeat.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** One open stream and the single thread that writes to it. */
    private final class Stream {
        final SseEmitter emitter = new SseEmitter(streamTimeout.toMillis());
        final ExecutorService writer = Executors.newSingleThreadExecutor(Thread.ofVirtual().name("inbox-sse").factory());
        final String key;

        Stream(String key) {
            this.key = key;
        }

        /** Queues an event; it is built on the writer thread because Spring's event builders are not shareable. */
        void send(Supplier<SseEmitter.SseEventBuilder> event) {
            try {
                writer.execute(() -> {
                    try {
                        emitter.send(event.get());
                    } catch (IOException | IllegalStateException gone) {
                        // The browser went away; the container completes the emitter and onCompletion drops us.
                        drop();
                    }
                });
            } catch (RejectedExecutionException closed) {
                // Already dropped.
            }
        }

        void drop() {
            streams.computeIfPresent(key, (k, mine) -> {
                if (mine.remove(this)) {
                    open.decrementAndGet();
                }
                return mine.isEmpty() ? null : mine;
            });
            writer.shutdown();
        }
    }

    /**
     * Opens a stream that starts with the current unread count; empty when the user, or this node, already has as
     * many open as allowed.
     */
    public Optional<SseEmitter> open(TenantId tenant, String userId, long unread) {
        String key = key(tenant, userId);
        Stream stream = new Stream(key);
        boolean[] added = {false};
        streams.compute(key, (k, mine) -> {
            Set<Stream> set = mine == null ? ConcurrentHashMap.newKeySet() : mine;
            if (set.size() < maxStreamsPerUser && open.get() < maxStreams) {
                set.add(stream);
                open.incrementAndGet();
                added[0] = true;
            }
            return set.isEmpty() ? null : set;
        });
        if (!added[0]) {
            stream.writer.shutdown();
            return Optional.empty();
        }
        stream.emitter.onCompletion(stream::drop);
        stream.emitter.onTimeout(stream::drop);
        stream.emitter.onError(e -> stream.drop());
        stream.send(() -> SseEmitter.event().name("unread").data(new UnreadJson(unread), MediaType.APPLICATION_JSON));
        return Optional.of(stream.emitter);
    }

    record UnreadJson(long unread) {
    }

    record MessageJson(InboxMessageJson message, long unread) {
    }

    @Override
    public void changed(TenantId tenant, String userId, InboxEvent event) {
        Set<Stream> mine = streams.get(key(tenant, userId));
        if (mine == null) {
            return;
        }
        Supplier<SseEmitter.SseEventBuilder> sse = switch (event) {
            case InboxEvent.NewMessage added -> () -> SseEmitter.event().name("message")
                    .id(added.message().id().toString())
                    .data(new MessageJson(InboxMessageJson.of(added.message()), added.unread()),
                            MediaType.APPLICATION_JSON);
            case InboxEvent.UnreadCount count -> () -> SseEmitter.event().name("unread")
                    .data(new UnreadJson(count.unread()), MediaType.APPLICATION_JSON);
        };
        mine.forEach(stream -> stream.send(sse));
    }

    /** Ends the user's open streams (the user was deleted: their token no longer holds, nor may their stream). */
    public void end(TenantId tenant, String userId) {
        Set<Stream> mine = streams.get(key(tenant, userId));
        if (mine != null) {
            mine.forEach(stream -> {
                stream.emitter.complete();
                stream.drop();
            });
        }
    }

    private void heartbeat() {
        streams.values().forEach(mine -> mine.forEach(stream -> stream.send(
                () -> SseEmitter.event().comment("keep-alive"))));
    }

    public int openStreams() {
        return open.get();
    }

    @Override
    public void close() {
        heartbeats.shutdownNow();
        streams.values().forEach(mine -> mine.forEach(stream -> {
            try {
                stream.emitter.complete();
            } catch (IllegalStateException gone) {
                // The browser left and the container already recycled the response; nothing to end.
            }
            stream.writer.shutdown();
        }));
    }

    private static String key(TenantId tenant, String userId) {
        return tenant.value() + "\u0000" + userId;
    }
}
