package dev.herald.testkit.peers;

import redis.embedded.RedisServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * A real Redis for tests: the redis-server binary shipped in the embedded-redis jar, on a free local port, without
 * persistence. Never the machine's Redis. Start one per test class and close it after; {@link #stop()} and
 * {@link #start()} let a test take it away and bring it back on the same port.
 */
public final class RedisPeer implements AutoCloseable {
    private final int port;
    private final RedisServer server;

    private RedisPeer(int port) throws IOException {
        this.port = port;
        this.server = RedisServer.newRedisServer()
                .port(port)
                .bind("127.0.0.1")
                .setting("save \"\"")
                .setting("appendonly no")
                .build();
    }

    /** A new Redis, running. */
    public static RedisPeer started() {
        try {
            RedisPeer peer = new RedisPeer(freePort());
            peer.start();
            return peer;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the embedded Redis", e);
        }
    }

    /** {@code redis://127.0.0.1:<port>} */
    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    public void start() {
        try {
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the embedded Redis", e);
        }
    }

    public void stop() {
        try {
            server.stop();
        } catch (IOException e) {
            throw new UncheckedIOException("could not stop the embedded Redis", e);
        }
    }

    @Override
    public void close() {
        if (server.isActive()) {
            stop();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
