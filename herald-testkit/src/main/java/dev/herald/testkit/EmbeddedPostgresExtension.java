package dev.herald.testkit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Gives tests a real PostgreSQL: one server per test JVM (started from Maven-shipped binaries, no install
 * needed) and a new database for every {@link PostgresDatabase} parameter it resolves.
 */
public final class EmbeddedPostgresExtension implements ParameterResolver {

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == PostgresDatabase.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return newDatabase(context);
    }

    /** A new, empty database on the server shared by the whole test run (started on first use). */
    public static PostgresDatabase newDatabase(ExtensionContext context) {
        Server server = context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(Server.class, k -> Server.start(), Server.class);
        return server.newDatabase();
    }

    /** The running server; closed by JUnit when the test run ends. */
    static final class Server implements AutoCloseable {
        private final EmbeddedPostgres postgres;
        private final AtomicInteger databases = new AtomicInteger();

        private Server(EmbeddedPostgres postgres) {
            this.postgres = postgres;
        }

        static Server start() {
            requireUsableUserNamespaceWhenRoot();
            try {
                return new Server(EmbeddedPostgres.builder()
                        .setPGStartupWait(Duration.ofSeconds(60))
                        .setServerConfig("fsync", "off")
                        .setServerConfig("max_connections", "300")
                        .start());
            } catch (IOException e) {
                throw new UncheckedIOException("could not start the embedded PostgreSQL", e);
            }
        }

        PostgresDatabase newDatabase() {
            String name = "herald_" + databases.incrementAndGet();
            try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE " + name);
            } catch (SQLException e) {
                throw new IllegalStateException("could not create test database " + name, e);
            }
            return new PostgresDatabase(postgres.getJdbcUrl("postgres", name), "postgres",
                    postgres.getDatabase("postgres", name));
        }

        @Override
        public void close() throws IOException {
            postgres.close();
        }

        /**
         * PostgreSQL refuses to run as root; the library then runs it in a user namespace through {@code unshare}.
         * Say so plainly when that is impossible instead of failing later inside initdb.
         */
        private static void requireUsableUserNamespaceWhenRoot() {
            if (!"root".equals(System.getProperty("user.name"))) {
                return;
            }
            String out;
            try {
                Process p = new ProcessBuilder("unshare", "-U", "id", "-un").redirectErrorStream(true).start();
                out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
                if (p.waitFor() == 0 && !"root".equals(out)) {
                    return;
                }
            } catch (IOException e) {
                out = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                out = e.toString();
            }
            throw new IllegalStateException("Tests run as root but `unshare -U` is unusable (" + out + "): "
                    + "PostgreSQL refuses to run as root. Install util-linux, allow user namespaces, "
                    + "or run the build as a non-root user.");
        }
    }
}
