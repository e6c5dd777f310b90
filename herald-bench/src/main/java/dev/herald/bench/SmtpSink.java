package dev.herald.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code --smtp-sink}: a local SMTP server (GreenMail, in a JVM of its own or in the bench's) and a tenant whose
 * email goes there through Herald's SMTP provider (a tenant's own integration, so the default tenant keeps the sandbox and both are
 * measured in the same run, on the same database, by the same client).
 */
final class SmtpSink implements AutoCloseable {
    static final String TENANT = "bench-smtp";

    private final SinkServer server;

    /**
     * {@code kind}: {@code process} (GreenMail in a JVM of its own), {@code counting} (a server that only counts, in
     * a JVM of its own) or {@code jvm} (GreenMail in the bench's JVM).
     */
    SmtpSink(String kind) throws Exception {
        this.server = switch (kind) {
            case "jvm" -> new GreenMailInJvm();
            case "counting" -> new SinkProcess("counting");
            default -> new SinkProcess("greenmail");
        };
    }

    /** What Herald needs to let a tenant's relay be on this machine and to seal its (empty) credentials. */
    static List<String> heraldArgs() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return List.of("--herald.integrations.allow-internal-addresses=true",
                "--herald.integrations.encryption-key=" + Base64.getEncoder().encodeToString(key));
    }

    /**
     * Creates the sink's tenant and its SMTP integration with at most {@code connections} sessions open; returns
     * the tenant's API key.
     */
    String connect(HttpClient http, URI base, String operatorKey, int connections) throws Exception {
        String created = call(http, base.resolve("/api/v1/tenants"), "POST", operatorKey,
                "{\"id\":\"" + TENANT + "\",\"name\":\"Bench SMTP sink\"}", 201);
        Matcher key = Pattern.compile("\"key\"\\s*:\\s*\"([^\"]+)\"").matcher(created);
        if (!key.find()) {
            throw new IllegalStateException("no admin key in the answer to creating tenant " + TENANT);
        }
        String tenantKey = key.group(1);
        call(http, base.resolve("/api/v1/integrations/sink"), "PUT", tenantKey, """
                {"kind":"smtp","settings":{"host":"127.0.0.1","port":%d,"from":"bench@example.com",
                 "pool":{"max-connections":%d}}}""".formatted(server.port(), connections), 201);
        return tenantKey;
    }

    int received() throws Exception {
        return server.received();
    }

    /** Drops what the sink holds (GreenMail keeps every message in memory). */
    void purge() throws Exception {
        server.purge();
    }

    /** The sink's CPU so far, when it runs in its own process. */
    Optional<Duration> cpu() {
        return server.cpu();
    }

    private static String call(HttpClient http, URI uri, String method, String key, String body, int expected)
            throws Exception {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != expected) {
            throw new IllegalStateException(method + " " + uri.getPath() + " answered " + answer.statusCode() + ": "
                    + answer.body());
        }
        return answer.body();
    }

    @Override
    public void close() {
        server.close();
    }
}
