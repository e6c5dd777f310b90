package dev.herald.bench;

import org.HdrHistogram.Histogram;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.PreparedStatement;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A broadcast to a large topic while transactional traffic runs: CRITICAL accept→sent with nothing else running (the
 * baseline, same run), then a topic of N subscribers gets one notification, and while workers fan it out (planning
 * one notification per subscriber, LOW lane) single CRITICAL POSTs keep arriving, ten a second. Reports the fan-out
 * rate (notifications planned per second, from the broadcast's acceptance to its last chunk, by Herald's own
 * timestamps; progress is polled once a second) and the CRITICAL p99 in both phases.
 */
final class BroadcastScenario {
    private static final Pattern FIELD =
            Pattern.compile("\"(broadcastId|state|planned|createdAt|updatedAt)\":\"?([^\",}]*)");
    /** User ids per subscriber call: the API's limit. */
    private static final int PER_CALL = 10_000;
    private static final Duration POLL_EVERY = Duration.ofSeconds(1);

    private final HttpClient http;
    private final URI base;
    private final String key;
    private final JdbcTemplate jdbc;
    private final BenchOptions options;

    BroadcastScenario(HttpClient http, URI base, String key, JdbcTemplate jdbc, BenchOptions options) {
        this.http = http;
        this.base = base;
        this.key = key;
        this.jdbc = jdbc;
        this.options = options;
    }

    record Result(List<String> rows, double fanOutPerSecond, long idleP99Millis, long broadcastP99Millis) {
    }

    Result run() throws Exception {
        int subscribers = options.subscribers();
        long loadStart = System.nanoTime();
        loadSubscribers(subscribers);
        double loadSeconds = (System.nanoTime() - loadStart) / 1e9;

        Histogram idle = criticals("bench.critical.idle", () -> false, 100);

        String[] answer = new String[1];
        int status = post("/api/v1/notifications", """
                {"type":"bench.broadcast","topic":"bench-topic","channels":["EMAIL"],
                 "content":{"title":"Bench","body":"To every subscriber"}}""", answer);
        if (status != 202) {
            throw new IllegalStateException("the broadcast was answered " + status + ": " + answer[0]);
        }
        String id = field(answer[0], "broadcastId");
        // Progress is read once a second on a thread of its own, as a console would poll it, so that a slow read
        // never holds back the CRITICAL POSTs, which keep their ten a second.
        Histogram reads = new Histogram(3_600_000L, 3);
        CompletableFuture<Double> planned = new CompletableFuture<>();
        Thread poller = Thread.ofVirtual().start(() -> {
            try {
                while (true) {
                    Thread.sleep(POLL_EVERY);
                    long begin = System.nanoTime();
                    String progress = get("/api/v1/broadcasts/" + id);
                    reads.recordValue((System.nanoTime() - begin) / 1_000_000);
                    String state = field(progress, "state");
                    if (!state.equals("PLANNING")) {
                        if (Long.parseLong(field(progress, "planned")) != subscribers) {
                            throw new IllegalStateException("the broadcast ended " + state + " with " + progress);
                        }
                        // From Herald's own timestamps (accepted, last chunk written): the poll's second does not
                        // blur it.
                        planned.complete(Duration.between(Instant.parse(field(progress, "createdAt")),
                                Instant.parse(field(progress, "updatedAt"))).toNanos() / 1e9);
                        return;
                    }
                }
            } catch (Exception e) {
                planned.completeExceptionally(e);
            }
        });
        Histogram during = criticals("bench.critical.broadcast", planned::isDone, Integer.MAX_VALUE);
        poller.join();
        double plannedAfter = planned.get();
        double fanOut = subscribers / plannedAfter;

        List<String> rows = new ArrayList<>();
        rows.add(String.format(Locale.ROOT, "%,d users and subscriptions loaded in %.1f s (users by batched SQL, "
                + "subscriptions through the API, %,d per call)", subscribers, loadSeconds, PER_CALL));
        rows.add("");
        rows.add("| phase | CRITICAL sent | CRITICAL accept→sent p50 | p99 | max | fan-out planned/s |");
        rows.add("|---|---|---|---|---|---|");
        rows.add(row("CRITICAL alone (baseline)", idle, Double.NaN));
        rows.add(row(String.format(Locale.ROOT, "CRITICAL while a broadcast to %,d subscribers is planned (%.1f s)",
                subscribers, plannedAfter), during, fanOut));
        rows.add("");
        rows.add(String.format(Locale.ROOT, "progress reads (GET /api/v1/broadcasts/{id}, once a second): %,d, "
                        + "p50 %d ms, p99 %d ms, max %d ms", reads.getTotalCount(), reads.getValueAtPercentile(50),
                reads.getValueAtPercentile(99), reads.getMaxValue()));
        return new Result(rows, fanOut, idle.getValueAtPercentile(99), during.getValueAtPercentile(99));
    }

    /** Users straight into the directory's table in batches; their subscriptions through the API. */
    private void loadSubscribers(int count) throws Exception {
        OffsetDateTime now = OffsetDateTime.now();
        // One transaction per 10,000 users: with autocommit each row would be a commit forced to disk.
        for (int from = 0; from < count; from += PER_CALL) {
            int first = from;
            jdbc.execute((ConnectionCallback<Void>) connection -> {
                connection.setAutoCommit(false);
                try (PreparedStatement insert = connection.prepareStatement("INSERT INTO app_user (tenant_id, id,"
                        + " email, created_at, updated_at) VALUES ('default', ?, ?, ?, ?)")) {
                    for (int i = first; i < Math.min(count, first + PER_CALL); i++) {
                        insert.setString(1, "bsub" + i);
                        insert.setString(2, "bsub" + i + "@example.com");
                        insert.setObject(3, now);
                        insert.setObject(4, now);
                        insert.addBatch();
                    }
                    insert.executeBatch();
                    connection.commit();
                } finally {
                    connection.setAutoCommit(true);
                }
                return null;
            });
        }
        String[] answer = new String[1];
        if (put("/api/v1/topics/bench-topic", "{\"name\":\"Bench\"}") >= 300) {
            throw new IllegalStateException("could not create the topic");
        }
        for (int from = 0; from < count; from += PER_CALL) {
            StringBuilder add = new StringBuilder("{\"add\":[");
            for (int i = from; i < Math.min(count, from + PER_CALL); i++) {
                add.append(i == from ? "" : ",").append("\"bsub").append(i).append('"');
            }
            int status = post("/api/v1/topics/bench-topic/subscribers", add.append("]}").toString(), answer);
            if (status != 200) {
                throw new IllegalStateException("subscribing answered " + status + ": " + answer[0]);
            }
        }
    }

    private interface Done {
        boolean now() throws Exception;
    }

    /** CRITICAL notifications one after another, ten a second, until done (or {@code max}); their latency. */
    private Histogram criticals(String type, Done done, int max) throws Exception {
        String[] answer = new String[1];
        for (int i = 0; i < max && !done.now(); i++) {
            int status = post("/api/v1/notifications", """
                    {"type":"%s","priority":"CRITICAL","recipients":[{"email":"crit%d@example.com"}],"channels":["EMAIL"],
                     "content":{"title":"Bench","body":"Security alert %d (%s)"}}""".formatted(type, i, i, type), answer);
            if (status != 202) {
                throw new IllegalStateException("Herald answered " + status);
            }
            Thread.sleep(100);
        }
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (jdbc.queryForObject("SELECT COUNT(*) FROM delivery WHERE type = ? AND due_at IS NOT NULL", Long.class,
                type) > 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("CRITICAL deliveries not sent within 5 minutes");
            }
            Thread.sleep(100);
        }
        Histogram latency = new Histogram(3_600_000L, 3);
        jdbc.query("SELECT created_at, sent_at FROM delivery WHERE type = ? AND status = 'SENT'", rs -> {
            latency.recordValue(Math.max(0, Duration.between(rs.getObject(1, OffsetDateTime.class),
                    rs.getObject(2, OffsetDateTime.class)).toMillis()));
        }, type);
        return latency;
    }

    private static String row(String name, Histogram latency, double fanOut) {
        return String.format(Locale.ROOT, "| %s | %,d | %d ms | %d ms | %d ms | %s |", name, latency.getTotalCount(),
                latency.getValueAtPercentile(50), latency.getValueAtPercentile(99), latency.getMaxValue(),
                Double.isNaN(fanOut) ? "–" : String.format(Locale.ROOT, "%,.0f", fanOut));
    }

    private static String field(String json, String name) {
        Matcher m = FIELD.matcher(json);
        while (m.find()) {
            if (m.group(1).equals(name)) {
                return m.group(2);
            }
        }
        throw new IllegalStateException("no " + name + " in " + json);
    }

    private int post(String path, String body, String[] answer) throws Exception {
        HttpResponse<String> response = http.send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        answer[0] = response.body();
        return response.statusCode();
    }

    private int put(String path, String body) throws Exception {
        return http.send(request(path).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    private String get(String path) throws Exception {
        return http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(base.resolve(path)).header("Authorization", "Bearer " + key);
    }
}
