package dev.herald.bench;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

/** The SMTP server the sink's tenant sends to, and what it has received. */
interface SinkServer extends AutoCloseable {

    int port();

    /** Messages received since the start or the last {@link #purge}. */
    int received() throws IOException;

    /** Drops what the server holds (GreenMail keeps every message in memory). */
    void purge() throws IOException;

    /** CPU the server has used, when it runs in a process of its own (inside the bench's JVM it is not told apart). */
    Optional<Duration> cpu();

    @Override
    void close();
}
