package dev.herald.providers.smtp;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.URLName;
import org.apache.commons.pool2.BasePooledObjectFactory;
import org.apache.commons.pool2.PooledObject;
import org.apache.commons.pool2.PooledObjectState;
import org.apache.commons.pool2.impl.DefaultPooledObject;
import org.apache.commons.pool2.impl.GenericObjectPool;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;

import java.time.Duration;
import java.time.Instant;

/**
 * The open SMTP sessions to one relay, through Apache Commons Pool: at most {@code maxConnections}, idle ones
 * closed by the pool's evictor after {@code idleTimeout}, one idle for {@code checkAfterIdle} asked for a NOOP
 * before it is lent again (a relay closes idle sessions on its own, often with a 421 the client has not read).
 */
final class SmtpConnections implements AutoCloseable {
    private final GenericObjectPool<SmtpConnection> pool;
    private final SmtpSettings.Pool limits;

    SmtpConnections(Session session, SmtpSettings settings) {
        this.limits = settings.pool();
        GenericObjectPoolConfig<SmtpConnection> config = new GenericObjectPoolConfig<>();
        config.setMaxTotal(limits.maxConnections());
        config.setMaxIdle(limits.maxConnections());
        config.setMinIdle(0);
        config.setLifo(true); // the most recently used session is the one least likely to have been closed
        config.setBlockWhenExhausted(true);
        config.setMaxWait(settings.sendTimeout());
        config.setTestOnCreate(false);
        config.setTestOnBorrow(true);
        config.setTestOnReturn(true); // how a retired session leaves (see discard)
        config.setTestWhileIdle(false);
        config.setMinEvictableIdleDuration(limits.idleTimeout());
        config.setTimeBetweenEvictionRuns(evictionPeriod(limits.idleTimeout()));
        config.setNumTestsPerEvictionRun(limits.maxConnections());
        config.setJmxEnabled(false); // one pool per provider, tenants' included: no MBean for each
        this.pool = new GenericObjectPool<>(new Factory(session, settings), config);
    }

    /** The evictor looks often enough that an idle session is closed at most a quarter past its timeout. */
    private static Duration evictionPeriod(Duration idleTimeout) {
        Duration quarter = idleTimeout.dividedBy(4);
        return quarter.compareTo(Duration.ofMillis(50)) < 0 ? Duration.ofMillis(50) : quarter;
    }

    /**
     * A session ready for a message: an idle one (NOOP-checked if it idled long), else a new one. Throws what
     * connecting threw ({@code MessagingException}, {@code AuthenticationFailedException}), or
     * {@code NoSuchElementException} when none was free within the send timeout.
     */
    SmtpConnection borrow() throws Exception {
        return pool.borrowObject();
    }

    /**
     * A session proven usable now: a new one, or an idle one that answered a NOOP. For the one retry after a reused
     * session turned out dead, when the other idle ones may have been closed by the relay too.
     */
    SmtpConnection borrowAlive() throws Exception {
        for (int tries = 0; ; tries++) {
            SmtpConnection connection = pool.borrowObject();
            if (connection.uses() == 0 || connection.isConnected()) {
                return connection;
            }
            discard(connection);
            if (tries >= limits.maxConnections()) {
                throw new MessagingException("no live SMTP session after " + tries + " tries");
            }
        }
    }

    /** Returns a session that ended its transaction cleanly; one that carried its share is closed instead. */
    void giveBack(SmtpConnection connection) {
        if (connection.uses() >= limits.maxMessagesPerConnection()) {
            connection.retire();
        }
        pool.returnObject(connection);
    }

    /**
     * Closes a session that failed or may be mid-transaction; its place in the pool is freed. (Not through
     * {@code invalidateObject}: since Commons Pool 2.13 that opens a replacement at once, in this thread, even
     * when nobody waits for one, so a relay that is down would be dialled again for nothing.)
     */
    void discard(SmtpConnection connection) {
        connection.retire();
        pool.returnObject(connection);
    }

    /** Sessions open now, lent out or idle. */
    int open() {
        return pool.getNumActive() + pool.getNumIdle();
    }

    /** Sessions ever opened by this pool. */
    long opened() {
        return pool.getCreatedCount();
    }

    /** Closes the idle sessions now, and each lent one as it comes back. */
    @Override
    public void close() {
        pool.close();
    }

    private static final class Factory extends BasePooledObjectFactory<SmtpConnection> {
        private final Session session;
        private final SmtpSettings settings;
        private final Duration checkAfterIdle;

        Factory(Session session, SmtpSettings settings) {
            this.session = session;
            this.settings = settings;
            this.checkAfterIdle = settings.pool().checkAfterIdle();
        }

        @Override
        public SmtpConnection create() throws MessagingException {
            SmtpConnection connection = new SmtpConnection(session,
                    new URLName("smtp", settings.host(), settings.port(), null, settings.username(), null));
            connection.connect(settings.host(), settings.port(), settings.username(), settings.password());
            return connection;
        }

        @Override
        public PooledObject<SmtpConnection> wrap(SmtpConnection connection) {
            return new DefaultPooledObject<>(connection);
        }

        /**
         * Coming back: kept unless retired. Going out: a session used moments ago is trusted (a failure before DATA
         * is retried), a longer idle one is asked.
         */
        @Override
        public boolean validateObject(PooledObject<SmtpConnection> pooled) {
            SmtpConnection connection = pooled.getObject();
            if (connection.retired()) {
                return false;
            }
            if (pooled.getState() == PooledObjectState.RETURNING || connection.uses() == 0) {
                return true;
            }
            Duration idle = Duration.between(pooled.getLastReturnInstant(), Instant.now());
            // SMTPTransport.isConnected() sends a NOOP and closes the session when the answer is not 250.
            return idle.compareTo(checkAfterIdle) < 0 || connection.isConnected();
        }

        @Override
        public void destroyObject(PooledObject<SmtpConnection> pooled) {
            try {
                pooled.getObject().close(); // QUIT, then the socket
            } catch (MessagingException | RuntimeException e) {
                // The session was already gone: nothing to release.
            }
        }
    }
}
