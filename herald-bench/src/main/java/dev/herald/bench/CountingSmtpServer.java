package dev.herald.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code --smtp-sink=counting}: an SMTP server that answers every command with success and only counts the
 * messages it is given (one per {@code DATA} ended by its dot line). It stands in for a relay on another machine:
 * GreenMail parses and stores every message and made a user for each new address, which took almost a core of the
 * two the bench has. Run in the sink's own process ({@link SmtpSinkMain}); one virtual thread per session.
 */
final class CountingSmtpServer implements SinkServer {
    private final ServerSocket socket;
    private final AtomicInteger received = new AtomicInteger();

    CountingSmtpServer() throws IOException {
        socket = new ServerSocket(0, 128, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().name("sink-accept").start(this::accept);
    }

    private void accept() {
        while (!socket.isClosed()) {
            try {
                Socket session = socket.accept();
                Thread.ofVirtual().name("sink-session").start(() -> serve(session));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket session) {
        try (session) {
            BufferedReader in = new BufferedReader(new InputStreamReader(session.getInputStream(),
                    StandardCharsets.ISO_8859_1));
            OutputStream out = session.getOutputStream();
            reply(out, "220 bench sink ESMTP");
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String verb = line.length() < 4 ? line : line.substring(0, 4).toUpperCase(Locale.ROOT);
                switch (verb) {
                    case "EHLO", "HELO" -> reply(out, "250 bench sink");
                    case "MAIL", "RCPT", "RSET", "NOOP" -> reply(out, "250 OK");
                    case "DATA" -> {
                        reply(out, "354 end with <CRLF>.<CRLF>");
                        String data = in.readLine();
                        while (data != null && !data.equals(".")) {
                            data = in.readLine();
                        }
                        if (data == null) {
                            return; // the client went away mid-message: nothing was accepted
                        }
                        received.incrementAndGet();
                        reply(out, "250 OK queued");
                    }
                    case "QUIT" -> {
                        reply(out, "221 bye");
                        return;
                    }
                    default -> reply(out, "502 not implemented");
                }
            }
        } catch (IOException gone) {
            // The client closed the session (the pool retires sessions); nothing to count.
        }
    }

    private static void reply(OutputStream out, String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    @Override
    public int port() {
        return socket.getLocalPort();
    }

    @Override
    public int received() {
        return received.get();
    }

    @Override
    public void purge() {
        received.set(0);
    }

    @Override
    public Optional<Duration> cpu() {
        return Optional.empty();
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // already closed
        }
    }
}
