package dev.herald.bench;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import java.time.Duration;
import java.util.Optional;

/** {@code --smtp-sink=jvm}: GreenMail in the bench's own JVM, sharing it (and its cores) with Herald. */
final class GreenMailInJvm implements SinkServer {
    private final GreenMail server = new GreenMail(new ServerSetup(0, "127.0.0.1", "smtp").dynamicPort());

    GreenMailInJvm() {
        server.start();
    }

    @Override
    public int port() {
        return server.getSmtp().getPort();
    }

    @Override
    public int received() {
        return server.getReceivedMessages().length;
    }

    @Override
    public void purge() {
        try {
            server.purgeEmailFromAllMailboxes();
        } catch (Exception e) {
            throw new IllegalStateException("could not purge the SMTP sink", e);
        }
    }

    @Override
    public Optional<Duration> cpu() {
        return Optional.empty();
    }

    @Override
    public void close() {
        server.stop();
    }
}
