package dev.herald.bench;

import dev.herald.server.HeraldApplication;
import org.HdrHistogram.Histogram;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
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
 * Starts Herald in this JVM on the embedded default (or a given JDBC URL), measures the raw-insert baseline in
 * the same database, then sends notifications one per request and in batches over real HTTP, waits until all
 * are final, and prints throughput and accept-to-sent latency as a Markdown table.
 */
public final class Bench {
    private static final String KEY = "hk_bench-key-0123456789abcdefghijklmnopqrstuvwxyz0123";

    private final BenchOptions options;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private URI base;
    private JdbcTemplate jdbc;

    private Bench(BenchOptions options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        BenchOptions options = BenchOptions.parse(args);
        if (options.processes()) {
            new NodeScenarios(options, KEY).run();
            return;
        }
        new Bench(options).run();
    }

    private void run() throws Exception {
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--herald.data-dir=" + options.dataDir(),
                "--herald.admin-key=" + KEY, "--logging.level.root=warn"));
        args.addAll(options.heraldArgs());
        if (options.jdbcUrl() != null) {
            args.add("--spring.datasource.url=" + options.jdbcUrl());
        }
        ConfigurableApplicationContext herald = SpringApplication.run(HeraldApplication.class, args.toArray(String[]::new));
        base = URI.create("http://127.0.0.1:" + herald.getEnvironment().getProperty("local.server.port"));
        DataSource dataSource = herald.getBean(DataSource.class);
        jdbc = new JdbcTemplate(dataSource);

        if (!options.scenario().equals("throughput")) {
            LaneAndDedupScenarios guarantees = new LaneAndDedupScenarios(http, base, KEY, jdbc, options);
            scenario("warm-up, batch", Math.min(5_000, options.notifications()), options.batchSize(), 1);
            List<String> table = options.scenario().equals("priority") ? guarantees.priority()
                    : guarantees.dedup(0.30);
            System.out.println();
            System.out.printf("Herald benchmark, %s scenario: %s, %d cores%n%n", options.scenario(),
                    options.jdbcUrl() == null ? "embedded H2 (WRITE_DELAY=0)" : options.jdbcUrl(),
                    Runtime.getRuntime().availableProcessors());
            table.forEach(System.out::println);
            herald.close();
            return;
        }
        // Warm up the JIT on both paths first; a cold JVM measures the compiler, not Herald.
        scenario("warm-up, single", Math.min(2_000, options.notifications() / 4), 1, 1);
        scenario("warm-up, batch", Math.min(5_000, options.notifications()), options.batchSize(), 1);
        double baseline = new RawInsertBaseline(dataSource).run(options.notifications(), options.batchSize());
        List<String> rows = new ArrayList<>();
        rows.add(row("raw batched JDBC insert (baseline)", baseline, Double.NaN, null, baseline));
        int singles = Math.max(1, options.notifications() / 4);
        rows.add(scenario("single POST, " + options.concurrency() + " concurrent", singles, 1, baseline));
        rows.add(scenario("batch POST of " + options.batchSize() + ", " + options.concurrency() + " concurrent",
                options.notifications(), options.batchSize(), baseline));

        System.out.println();
        System.out.printf("Herald benchmark: %d notifications (1 delivery each, EMAIL to the sandbox), %s, %d cores%n%n",
                options.notifications(), options.jdbcUrl() == null ? "embedded H2 (WRITE_DELAY=0)" : options.jdbcUrl(),
                Runtime.getRuntime().availableProcessors());
        System.out.println("| scenario | accepted/s | delivered/s | accept→sent p50 | accept→sent p99 | accepted/s ÷ baseline |");
        System.out.println("|---|---|---|---|---|---|");
        rows.forEach(System.out::println);
        herald.close();
    }

    private String scenario(String name, int notifications, int perRequest, double baseline) throws Exception {
        jdbc.update("DELETE FROM sandbox_message");
        // Each scenario gets its own notification type, so its deliveries are counted apart from the others'.
        String type = "bench." + System.nanoTime();
        int requests = (notifications + perRequest - 1) / perRequest;
        Semaphore inFlight = new Semaphore(options.concurrency());
        long start = System.nanoTime();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Integer>> answers = new ArrayList<>(requests);
            for (int r = 0; r < requests; r++) {
                int count = Math.min(perRequest, notifications - r * perRequest);
                int first = r * perRequest;
                inFlight.acquire();
                answers.add(pool.submit(() -> {
                    try {
                        return send(type, first, count, perRequest > 1);
                    } finally {
                        inFlight.release();
                    }
                }));
            }
            for (Future<Integer> answer : answers) {
                int status = answer.get();
                if (status != 202 && status != 200) {
                    throw new IllegalStateException("Herald answered " + status);
                }
            }
        }
        double acceptSeconds = (System.nanoTime() - start) / 1e9;
        if (options.heraldArgs().contains("--herald.worker.enabled=false")
                || options.heraldArgs().contains("--herald.roles=api")) {
            // No dispatchers in this run: it measures intake alone.
            return row(name + " (intake only)", notifications / acceptSeconds, Double.NaN, null, baseline);
        }
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        while (jdbc.queryForObject("SELECT COUNT(*) FROM delivery WHERE due_at IS NOT NULL", Long.class) > 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("deliveries did not finish within 10 minutes");
            }
            Thread.sleep(50);
        }
        Histogram latency = new Histogram(3_600_000L, 3);
        List<OffsetDateTime[]> times = jdbc.query(
                "SELECT created_at, sent_at FROM delivery WHERE type = ? AND status = 'SENT'",
                (rs, i) -> new OffsetDateTime[]{rs.getObject(1, OffsetDateTime.class), rs.getObject(2, OffsetDateTime.class)},
                type);
        OffsetDateTime firstCreated = null;
        OffsetDateTime lastSent = null;
        for (OffsetDateTime[] t : times) {
            latency.recordValue(Math.max(0, Duration.between(t[0], t[1]).toMillis()));
            firstCreated = firstCreated == null || t[0].isBefore(firstCreated) ? t[0] : firstCreated;
            lastSent = lastSent == null || t[1].isAfter(lastSent) ? t[1] : lastSent;
        }
        if (times.size() != notifications) {
            throw new IllegalStateException("expected " + notifications + " sent deliveries, found " + times.size());
        }
        double deliverSeconds = Duration.between(firstCreated, lastSent).toNanos() / 1e9;
        return row(name, notifications / acceptSeconds, notifications / deliverSeconds, latency, baseline);
    }

    private int send(String type, int first, int count, boolean batch) throws Exception {
        StringBuilder items = new StringBuilder();
        for (int i = 0; i < count; i++) {
            items.append(i == 0 ? "" : ",").append("""
                    {"type":"%s","recipients":[{"email":"user%d@example.com"}],"channels":["EMAIL"],
                     "content":{"title":"Bench","body":"Benchmark message %d of %s"}}""".formatted(type, first + i,
                    first + i, type));
        }
        String body = batch ? "{\"notifications\":[" + items + "]}" : items.toString();
        HttpRequest request = HttpRequest.newBuilder(base.resolve(batch ? "/api/v1/notifications/batch"
                        : "/api/v1/notifications"))
                .header("Authorization", "Bearer " + KEY).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static String row(String name, double accepted, double delivered, Histogram latency, double baseline) {
        return String.format(Locale.ROOT, "| %s | %,.0f | %s | %s | %s | %.2f |", name, accepted,
                Double.isNaN(delivered) ? "–" : String.format(Locale.ROOT, "%,.0f", delivered),
                latency == null ? "–" : latency.getValueAtPercentile(50) + " ms",
                latency == null ? "–" : latency.getValueAtPercentile(99) + " ms",
                accepted / baseline);
    }
}
