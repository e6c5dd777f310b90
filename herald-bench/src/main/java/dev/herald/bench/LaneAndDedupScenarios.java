package dev.herald.bench;

import org.HdrHistogram.Histogram;
import org.springframework.jdbc.core.JdbcTemplate;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

/**
 * The two guarantee scenarios. Priority isolation: CRITICAL accept→sent latency with an idle queue (the baseline,
 * same run), then again while a large LOW backlog drains. Dedup: a stream where a share of the notifications repeat
 * an earlier one's address and text, and the share Herald suppressed.
 */
final class LaneAndDedupScenarios {
    private final HttpClient http;
    private final URI base;
    private final String key;
    private final JdbcTemplate jdbc;
    private final BenchOptions options;

    LaneAndDedupScenarios(HttpClient http, URI base, String key, JdbcTemplate jdbc, BenchOptions options) {
        this.http = http;
        this.base = base;
        this.key = key;
        this.jdbc = jdbc;
        this.options = options;
    }

    /** The priority scenario's table and the figures a script reads. */
    record Priority(List<String> rows, long idleP99Millis, long backlogP99Millis, double lowDeliveredPerSecond) {
    }

    Priority priority() throws Exception {
        List<String> rows = new ArrayList<>();
        rows.add("| scenario | CRITICAL sent | CRITICAL accept→sent p50 | p99 | max | LOW delivered/s |");
        rows.add("|---|---|---|---|---|---|");
        Histogram idle = criticals("bench.critical.idle");
        rows.add(criticalRow("CRITICAL alone (baseline)", idle, Double.NaN));

        String lowType = "bench.low." + System.nanoTime();
        long start = System.nanoTime();
        Thread backlog = Thread.ofVirtual().start(() -> {
            try {
                sendBatches(lowType, "LOW", options.lowBacklog());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        // Let the backlog build up before the first CRITICAL message.
        while (count("type = '" + lowType + "'") < Math.min(options.lowBacklog(), 10_000)) {
            Thread.sleep(20);
        }
        Histogram underLoad = criticals("bench.critical.busy");
        long lowLeftWhenCriticalsDone = count("type = '" + lowType + "' AND status <> 'SENT'");
        backlog.join();
        waitUntil("type = '" + lowType + "' AND due_at IS NOT NULL");
        double lowSeconds = (System.nanoTime() - start) / 1e9;
        double lowPerSecond = options.lowBacklog() / lowSeconds;
        rows.add(criticalRow("CRITICAL while " + String.format(Locale.ROOT, "%,d", options.lowBacklog())
                + " LOW drain (" + String.format(Locale.ROOT, "%,d", lowLeftWhenCriticalsDone)
                + " LOW still waiting after the last CRITICAL)", underLoad, lowPerSecond));
        return new Priority(rows, idle.getValueAtPercentile(99), underLoad.getValueAtPercentile(99), lowPerSecond);
    }

    /** Sends CRITICAL notifications one after another (10 a second) and reads their accept→sent latency. */
    private Histogram criticals(String type) throws Exception {
        for (int i = 0; i < options.criticals(); i++) {
            // Text unique to the phase: content dedup would rightly suppress a repeat of the idle phase's alerts.
            int status = post("/api/v1/notifications", notification(type, "CRITICAL", "crit" + i + "@example.com",
                    "Security alert " + i + " (" + type + ")"));
            if (status != 202) {
                throw new IllegalStateException("Herald answered " + status);
            }
            Thread.sleep(100);
        }
        waitUntil("type = '" + type + "' AND due_at IS NOT NULL");
        Histogram latency = new Histogram(3_600_000L, 3);
        jdbc.query("SELECT created_at, sent_at FROM delivery WHERE type = ? AND status = 'SENT'", rs -> {
            latency.recordValue(Math.max(0, Duration.between(rs.getObject(1, OffsetDateTime.class),
                    rs.getObject(2, OffsetDateTime.class)).toMillis()));
        }, type);
        return latency;
    }

    List<String> dedup(double duplicateShare) throws Exception {
        String type = "bench.dedup." + System.nanoTime();
        int total = options.notifications();
        int originals = (int) Math.round(total * (1 - duplicateShare));
        List<String> items = new ArrayList<>(total);
        for (int i = 0; i < total; i++) {
            // The first `originals` are distinct; the rest repeat one of them (same address, same text).
            int n = i < originals ? i : (int) ((i * 7919L) % originals);
            items.add(notification(type, "NORMAL", "user" + n + "@example.com", "Your order " + n + " shipped"));
        }
        long start = System.nanoTime();
        sendItems(items);
        waitUntil("type = '" + type + "' AND due_at IS NOT NULL");
        double seconds = (System.nanoTime() - start) / 1e9;
        long suppressed = count("type = '" + type + "' AND status = 'SUPPRESSED'");
        long sent = count("type = '" + type + "' AND status = 'SENT'");
        List<String> rows = new ArrayList<>();
        rows.add("| notifications | duplicates in | sent | suppressed | suppressed share | handled/s |");
        rows.add("|---|---|---|---|---|---|");
        rows.add(String.format(Locale.ROOT, "| %,d | %,d (%.0f%%) | %,d | %,d | %.3f | %,.0f |", total,
                total - originals, duplicateShare * 100, sent, suppressed, suppressed / (double) total,
                total / seconds));
        return rows;
    }

    private void sendBatches(String type, String priority, int count) throws Exception {
        List<String> items = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            items.add(notification(type, priority, "low" + i + "@example.com", "Weekly digest " + i));
        }
        sendItems(items);
    }

    /** Sends items in batches of the configured size, with the configured number of requests in flight. */
    private void sendItems(List<String> items) throws Exception {
        Semaphore inFlight = new Semaphore(options.concurrency());
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int from = 0; from < items.size(); from += options.batchSize()) {
                List<String> chunk = items.subList(from, Math.min(items.size(), from + options.batchSize()));
                inFlight.acquire();
                answers.add(pool.submit(() -> {
                    try {
                        return post("/api/v1/notifications/batch", "{\"notifications\":[" + String.join(",", chunk)
                                + "]}");
                    } finally {
                        inFlight.release();
                    }
                }));
            }
            for (Future<Integer> answer : answers) {
                if (answer.get() != 200) {
                    throw new IllegalStateException("Herald answered " + answer.get());
                }
            }
        }
    }

    private static String notification(String type, String priority, String email, String body) {
        return """
                {"type":"%s","priority":"%s","recipients":[{"email":"%s"}],"channels":["EMAIL"],
                 "content":{"title":"Bench","body":"%s"}}""".formatted(type, priority, email, body);
    }

    private int post(String path, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(base.resolve(path))
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private long count(String condition) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM delivery WHERE " + condition, Long.class);
    }

    private void waitUntil(String stillPending) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(30).toNanos();
        while (count(stillPending) > 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("not done within 30 minutes: " + stillPending);
            }
            // Each check scans the bench's rows; checking less often keeps it from loading the database it measures.
            Thread.sleep(200);
        }
    }

    private static String criticalRow(String name, Histogram latency, double lowPerSecond) {
        return String.format(Locale.ROOT, "| %s | %,d | %d ms | %d ms | %d ms | %s |", name,
                latency.getTotalCount(), latency.getValueAtPercentile(50), latency.getValueAtPercentile(99),
                latency.getMaxValue(), Double.isNaN(lowPerSecond) ? "–"
                        : String.format(Locale.ROOT, "%,.0f", lowPerSecond));
    }
}
