package dev.herald.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP forwarder between Herald and its database that a test can sever: {@link #sever()} closes every open
 * connection and refuses new ones (accepted and closed at once, as a server that went away), {@link #mend()} lets
 * them through again. The database itself keeps running, so the test can still read it directly.
 */
final class SeverableLink implements AutoCloseable {
    private final ServerSocket listener;
    private final int targetPort;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private boolean severed;

    SeverableLink(int targetPort) {
        this.targetPort = targetPort;
        try {
            this.listener = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread.ofPlatform().daemon().name("severable-link").start(this::accept);
    }

    int port() {
        return listener.getLocalPort();
    }

    synchronized void sever() {
        severed = true;
        open.forEach(SeverableLink::closeQuietly);
        open.clear();
    }

    synchronized void mend() {
        severed = false;
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                synchronized (this) {
                    if (severed) {
                        closeQuietly(client);
                        continue;
                    }
                    Socket server = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                    open.add(client);
                    open.add(server);
                    Thread.ofVirtual().start(() -> pipe(client, server));
                    Thread.ofVirtual().start(() -> pipe(server, client));
                }
            } catch (IOException closedOrRefused) {
                // the listener closed (the test ended) or the database refused: the client sees its socket close
            }
        }
    }

    private void pipe(Socket from, Socket to) {
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            in.transferTo(out);
        } catch (IOException severedOrClosed) {
            // either side went away: close both below
        } finally {
            closeQuietly(from);
            closeQuietly(to);
            open.remove(from);
            open.remove(to);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override
    public void close() {
        sever();
        try {
            listener.close();
        } catch (IOException ignored) {
            // already closed
        }
    }
}
