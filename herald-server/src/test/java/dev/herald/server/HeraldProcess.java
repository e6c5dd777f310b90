package dev.herald.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.awaitility.Awaitility.await;

/**
 * Herald as its own JVM (the test's class path, {@code HeraldApplication}), so a test can kill it with SIGKILL
 * ({@link #kill()} is {@code destroyForcibly}: no shutdown hook, no graceful drain). Its output goes to
 * {@code <dataDir>/<run>.log}.
 */
final class HeraldProcess implements AutoCloseable {
    private final Process process;
    private final int port;

    private HeraldProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts without waiting; {@link #awaitHealthy} waits, so several nodes can boot at once. */
    static HeraldProcess launch(String run, Path dataDir, int port, String adminKey, List<String> settings) {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                "dev.herald.server.HeraldApplication",
                "--server.port=" + port,
                "--herald.data-dir=" + dataDir,
                "--herald.admin-key=" + adminKey,
                "--logging.level.root=warn"));
        command.addAll(settings);
        try {
            Files.createDirectories(dataDir);
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(dataDir.resolve(run + ".log").toFile())
                    .start();
            return new HeraldProcess(process, port);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start Herald", e);
        }
    }

    /** Launches and waits until the node answers its health check. */
    static HeraldProcess start(String run, Path dataDir, int port, String adminKey, List<String> settings) {
        HeraldProcess herald = launch(run, dataDir, port, adminKey, settings);
        herald.awaitHealthy(adminKey);
        return herald;
    }

    HeraldProcess awaitHealthy(String adminKey) {
        HeraldClient client = new HeraldClient(port, adminKey);
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                .until(() -> {
                    if (!process.isAlive()) {
                        throw new AssertionError("Herald exited with " + process.exitValue() + "; see its log");
                    }
                    return client.get("/actuator/health").status() == 200;
                });
        return this;
    }

    int port() {
        return port;
    }

    /** SIGKILL, and wait until the process is gone. */
    void kill() {
        try {
            process.destroyForcibly().waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        kill();
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
