package dev.herald.bench;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * The SMTP sink's own JVM ({@link SinkProcess}): on a free port of 127.0.0.1, GreenMail (argument
 * {@code greenmail}) or the {@link CountingSmtpServer} (argument {@code counting}). It prints
 * {@code port <n>}, then answers each line of its input: {@code received} with {@code received <count>},
 * {@code purge} with {@code purge done}; {@code stop} or the end of its input stops it.
 */
public final class SmtpSinkMain {
    static final String RECEIVED = "received";
    static final String PURGE = "purge";
    static final String STOP = "stop";

    private SmtpSinkMain() {
    }

    public static void main(String[] args) throws Exception {
        // Standard output carries the answers; whatever else prints (logging) goes to standard error.
        PrintStream answers = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        System.setOut(System.err);
        ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);
        SinkServer server = args.length > 0 && args[0].equals("counting") ? new CountingSmtpServer()
                : new GreenMailInJvm();
        answers.println("port " + server.port());
        BufferedReader questions = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = questions.readLine(); line != null && !line.strip().equals(STOP); line = questions.readLine()) {
            switch (line.strip()) {
                case RECEIVED -> answers.println(RECEIVED + " " + server.received());
                case PURGE -> {
                    server.purge();
                    answers.println(PURGE + " done");
                }
                default -> answers.println("unknown " + line.strip());
            }
        }
        server.close();
    }
}
