package dev.herald.server.inbox;

import dev.herald.core.inbox.InboxEvent;
import dev.herald.core.inbox.InboxListener;
import dev.herald.core.model.TenantId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The live side of the inbox: open Server-Sent Event streams per user, fed by every inbox change on this node.
 * Events are written on virtual threads so a slow browser never holds up the dispatcher that sent the message.
 * A comment line every {@code heartbeat} keeps proxies from closing idle streams. With several nodes, a user's
 * stream only hears about messages sent by its own node until cross-node fan-out (Redis) exists.
 */
public final class InboxStreams implements InboxListener, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(InboxStreams.class);

    private final Map<String, Set<Stream>> streams = new ConcurrentHashMap<>();
    private final ExecutorService writers = Executors.newVirtualThreadPerTaskExecutor();
    private final ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "inbox-heartbeat");
        t.setDaemon(true);
        return t;
    });
    private final Duration streamTimeout;
    private final int maxStreamsPerUser;

    public InboxStreams(Duration streamTimeout, Duration heartbeat, int maxStreamsPerUser) {
        this.streamTimeout = streamTimeout;
        this.maxStreamsPerUser = maxStreamsPerUser;
        heartbeats.scheduleAtFixedRate(this::heartbeat, heartbeat.toMillis(), heartbeat.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** Opens a stream that starts with the current unread count; empty when the user has too many open. */
    public java.util.Optional<SseEmitter> open(TenantId tenant, String userId, long unread) {
        Set<Stream> mine = streams.computeIfAbsent(key(tenant, userId), k -> ConcurrentHashMap.newKeySet());
        if (mine.size() >= maxStreamsPerUser) {
            return java.util.Optional.empty();
        }
        SseEmitter emitter = new SseEmitter(streamTimeout.toMillis());
        Stream stream = new Stream(emitter, new ReentrantLock());
        mine.add(stream);
        Runnable drop = () -> mine.remove(stream);
        emitter.onCompletion(drop);
        emitter.onTimeout(drop);
        emitter.onError(e -> drop.run());
        try {
            emitter.send(SseEmitter.event().name("unread").data(new UnreadJson(unread), MediaType.APPLICATION_JSON));
        } catch (IOException | IllegalStateException e) {
            drop.run();
        }
        return java.util.Optional.of(emitter);
    }

    /** One open stream; the lock keeps two events from interleaving their bytes on the wire. */
    private record Stream(SseEmitter emitter, ReentrantLock lock) {
    }

    record UnreadJson(long unread) {
    }

    record MessageJson(InboxMessageJson message, long unread) {
    }

    @Override
    public void changed(TenantId tenant, String userId, InboxEvent event) {
        Set<Stream> mine = streams.get(key(tenant, userId));
        if (mine == null || mine.isEmpty()) {
            return;
        }
        SseEmitter.SseEventBuilder sse = switch (event) {
            case InboxEvent.NewMessage added -> SseEmitter.event().name("message").id(added.message().id().toString())
                    .data(new MessageJson(InboxMessageJson.of(added.message()), added.unread()),
                            MediaType.APPLICATION_JSON);
            case InboxEvent.UnreadCount count -> SseEmitter.event().name("unread")
                    .data(new UnreadJson(count.unread()), MediaType.APPLICATION_JSON);
        };
        for (Stream stream : mine) {
            writers.execute(() -> send(mine, stream, sse));
        }
    }

    private static void send(Set<Stream> mine, Stream stream, SseEmitter.SseEventBuilder event) {
        stream.lock().lock();
        try {
            stream.emitter().send(event);
        } catch (IOException | IllegalStateException gone) {
            // The browser went away; the container completes the emitter, we just stop writing to it.
            mine.remove(stream);
        } finally {
            stream.lock().unlock();
        }
    }

    private void heartbeat() {
        streams.values().forEach(mine -> mine.forEach(stream -> writers.execute(
                () -> send(mine, stream, SseEmitter.event().comment("keep-alive")))));
    }

    public int openStreams() {
        return streams.values().stream().mapToInt(Set::size).sum();
    }

    @Override
    public void close() {
        heartbeats.shutdownNow();
        streams.values().forEach(mine -> mine.forEach(stream -> stream.emitter().complete()));
        writers.shutdown();
        log.debug("inbox streams closed");
    }

    private static String key(TenantId tenant, String userId) {
        return tenant.value() + "\u0000" + userId;
    }
}
