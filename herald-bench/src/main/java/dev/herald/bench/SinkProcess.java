package dev.herald.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * {@code --smtp-sink=process} (the default) and {@code --smtp-sink=counting}: the sink in a JVM of its own
 * ({@link SmtpSinkMain}), so its work is not counted in the bench JVM's profile and its heap and collector are its
 * own. Asked over the child's standard input, it answers on its standard output, one line each.
 */
final class SinkProcess implements SinkServer {
    // A small heap and the serial collector: the sink should take no CPU beyond receiving and storing messages.
    private static final List<String> JVM_OPTIONS = List.of("-Xmx1g", "-XX:+UseSerialGC");

    private final Process process;
    private final BufferedReader answers;
    private final PrintWriter questions;
    private final int port;

    /** {@code server}: {@code greenmail} or {@code counting}, see {@link SmtpSinkMain}. */
    SinkProcess(String server) throws IOException {
        process = new ProcessBuilder(ChildJava.command(JVM_OPTIONS, SmtpSinkMain.class.getName(), List.of(server)))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        answers = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        questions = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
        port = Integer.parseInt(answer("port"));
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public int received() throws IOException {
        questions.println(SmtpSinkMain.RECEIVED);
        return Integer.parseInt(answer(SmtpSinkMain.RECEIVED));
    }

    @Override
    public void purge() throws IOException {
        questions.println(SmtpSinkMain.PURGE);
        answer(SmtpSinkMain.PURGE);
    }

    @Override
    public Optional<Duration> cpu() {
        return process.info().totalCpuDuration();
    }

    /** The value of the child's next line {@code <word> <value>}. */
    private String answer(String word) throws IOException {
        String line = answers.readLine();
        if (line == null || !line.startsWith(word + " ")) {
            throw new IOException("the SMTP sink process answered " + line + " where " + word + " was expected"
                    + (process.isAlive() ? "" : "; it exited with " + process.exitValue()));
        }
        return line.substring(word.length() + 1).strip();
    }

    @Override
    public void close() {
        questions.println(SmtpSinkMain.STOP);
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
