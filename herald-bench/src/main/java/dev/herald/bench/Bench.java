package dev.herald.bench;

import dev.herald.core.model.Priority;
import dev.herald.server.HeraldApplication;
import org.HdrHistogram.Histogram;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.stream.Stream;

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
        try {
            new Bench(options).run();
        } catch (Exception | Error e) {
            // Herald's dispatchers are not daemon threads: under exec:java a failed run would wait for them forever
            // and the failure would never be printed.
            System.err.println("bench failed:");
            e.printStackTrace();
            deleteData(options);
            System.exit(1);
        }
        deleteData(options);
    }

    private static void deleteData(BenchOptions options) throws IOException {
        Path dir = options.dataDir();
        if (options.keepDataAfterRun() || !Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
        System.out.println("deleted " + dir + " (give --data-dir to keep a run's files)");
    }

    /**
     * Whether any delivery is still due: a probe of the due index per lane, from the earliest time so that H2 skips
     * the finished rows (their due_at is NULL, sorted first). It was a COUNT of the whole table, twenty times a second
     * while a run drained: 5% of PostgreSQL's time (pg_stat_statements, 2026-12-03), taken from the dispatch it
     * measures. (A COUNT over a FETCH FIRST subquery kept answering 1 on H2 after everything was sent.)
     */
    private boolean anyDue() {
        for (Priority lane : Priority.values()) {
            if (!jdbc.queryForList("SELECT id FROM delivery WHERE lane = ? AND due_at >= ? FETCH FIRST 1 ROWS ONLY",
                    Object.class, lane.name(), EARLIEST).isEmpty()) {
                return true;
            }
        }
        return false;
    }

    private static final OffsetDateTime EARLIEST = OffsetDateTime.parse("1970-01-01T00:00:00Z");

    private void run() throws Exception {
        boolean throughput = options.scenario().equals("throughput");
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--herald.data-dir=" + options.dataDir(),
                "--herald.admin-key=" + KEY, "--logging.level.root=warn"));
        if (throughput) {
            args.add("--herald.bench.probe=true"); // the trivial durable endpoint single POSTs are read against
        }
        if (options.smtp()) {
            args.addAll(SmtpSink.heraldArgs());
        }
        args.addAll(options.heraldArgs());
        if (options.jdbcUrl() != null) {
            args.add("--spring.datasource.url=" + options.jdbcUrl());
        }
        ConfigurableApplicationContext herald = SpringApplication.run(HeraldApplication.class, args.toArray(String[]::new));
        base = URI.create("http://127.0.0.1:" + herald.getEnvironment().getProperty("local.server.port"));
        DataSource dataSource = herald.getBean(DataSource.class);
        jdbc = new JdbcTemplate(dataSource);

        if (!throughput) {
            LaneAndDedupScenarios guarantees = new LaneAndDedupScenarios(http, base, KEY, jdbc, options);
            scenario("warm-up, batch", Math.min(5_000, options.notifications()), options.batchSize(), KEY);
            List<String> table;
            String json = null;
            if (options.scenario().equals("broadcast")) {
                BroadcastScenario.Result broadcast = new BroadcastScenario(http, base, KEY, jdbc, options).run();
                table = broadcast.rows();
                json = new BenchJson(options.jdbcUrl()).count("subscribers", options.subscribers())
                        .perSecond("fanout_per_s", broadcast.fanOutPerSecond())
                        .millis("critical_p99_ms_idle", broadcast.idleP99Millis())
                        .millis("critical_p99_ms_broadcast", broadcast.broadcastP99Millis()).line();
            } else if (options.scenario().equals("priority")) {
                LaneAndDedupScenarios.Priority priority = guarantees.priority();
                table = priority.rows();
                json = new BenchJson(options.jdbcUrl()).millis("critical_p99_ms_idle", priority.idleP99Millis())
                        .millis("critical_p99_ms_backlog", priority.backlogP99Millis())
                        .perSecond("low_delivered_per_s", priority.lowDeliveredPerSecond()).line();
            } else {
                table = guarantees.dedup(0.30);
            }
            System.out.println();
            System.out.printf("Herald benchmark, %s scenario: %s, %d cores%n%n", options.scenario(),
                    options.jdbcUrl() == null ? "embedded H2 (WRITE_DELAY=0)" : options.jdbcUrl(),
                    Runtime.getRuntime().availableProcessors());
            table.forEach(System.out::println);
            if (json != null) {
                System.out.println();
                System.out.println(json);
            }
            herald.close();
            return;
        }
        SmtpSink sink = options.smtp() ? new SmtpSink(options.smtpSink()) : null;
        String sinkKey = sink == null ? null : sink.connect(http, base, KEY, options.smtpConnections());
        // Warm up the JIT on every path first; a cold JVM measures the compiler, not Herald.
        int singles = Math.max(1, options.notifications() / 4);
        probe(Math.min(2_000, singles));
        scenario("warm-up, single", Math.min(2_000, options.notifications() / 4), 1, KEY);
        scenario("warm-up, batch", Math.min(5_000, options.notifications()), options.batchSize(), KEY);
        if (sink != null) {
            scenario("warm-up, SMTP", Math.min(2_000, options.notifications()), options.batchSize(), sinkKey);
            sink.purge();
        }
        double baseline = new RawInsertBaseline(dataSource).run(options.notifications(), options.batchSize());
        String concurrent = options.concurrency() + " concurrent";
        Measured trivial = probe(singles);
        Measured single = scenario("single POST, " + concurrent, singles, 1, KEY);
        Duration batchCpuBefore = ownCpu();
        Measured batch = scenario("batch POST of " + options.batchSize() + ", " + concurrent,
                options.notifications(), options.batchSize(), KEY);
        Duration batchCpu = ownCpu().minus(batchCpuBefore);
        Measured smtp = null;
        String smtpCpu = null;
        if (sink != null) {
            Duration benchCpuBefore = ownCpu();
            Duration sinkCpuBefore = sink.cpu().orElse(Duration.ZERO);
            smtp = scenario("batch POST of " + options.batchSize() + ", " + concurrent + ", EMAIL over SMTP to a "
                    + "local sink", options.notifications(), options.batchSize(), sinkKey);
            if (sink.received() < options.notifications()) {
                throw new IllegalStateException("the SMTP sink received " + sink.received() + " of "
                        + options.notifications() + " messages");
            }
            Duration benchCpu = ownCpu().minus(benchCpuBefore);
            smtpCpu = String.format(Locale.ROOT, "CPU of the bench JVM (Herald and the load generator): %.1f s in the "
                    + "sandbox batch scenario, %.1f s in the SMTP one%s", batchCpu.toMillis() / 1e3,
                    benchCpu.toMillis() / 1e3, sink.cpu().map(c -> String.format(Locale.ROOT,
                    " (the sink's process: %.1f s more)", c.minus(sinkCpuBefore).toMillis() / 1e3))
                            .orElse(" (the sink's included)"));
        }

        System.out.println();
        System.out.printf("Herald benchmark: %d notifications (1 delivery each, EMAIL to the sandbox), %s, %d cores%n%n",
                options.notifications(), options.jdbcUrl() == null ? "embedded H2 (WRITE_DELAY=0)" : options.jdbcUrl(),
                Runtime.getRuntime().availableProcessors());
        System.out.println("| scenario | accepted/s | delivered/s | accept→sent p50 | accept→sent p99 | accepted/s ÷ baseline |");
        System.out.println("|---|---|---|---|---|---|");
        System.out.println(new Measured("raw batched JDBC insert (baseline)", baseline, Double.NaN, null).row(baseline));
        System.out.println(trivial.row(baseline));
        System.out.println(single.row(baseline));
        System.out.println(batch.row(baseline));
        if (smtp != null) {
            System.out.println(smtp.row(baseline));
        }
        System.out.println();
        System.out.printf(Locale.ROOT, "single POST accepted/s ÷ trivial durable endpoint: %.2f (target ≥ 0.8)%n",
                single.acceptedPerSecond() / trivial.acceptedPerSecond());
        if (smtp != null) {
            System.out.printf(Locale.ROOT, "delivered/s over SMTP ÷ to the sandbox (batch): %.2f (target ≥ 0.5)%n",
                    smtp.deliveredPerSecond() / batch.deliveredPerSecond());
            System.out.println(smtpCpu);
        }
        BenchJson json = new BenchJson(options.jdbcUrl()).perSecond("raw_rows_per_s", baseline)
                .perSecond("trivial_endpoint_per_s", trivial.acceptedPerSecond())
                .perSecond("single_accepted_per_s", single.acceptedPerSecond())
                .perSecond("batch_accepted_per_s", batch.acceptedPerSecond())
                .perSecond("delivered_per_s", batch.deliveredPerSecond())
                .millis("single_p99_ms", single.p99Millis());
        if (smtp != null) {
            json.perSecond("smtp_delivered_per_s", smtp.deliveredPerSecond());
        }
        System.out.println();
        System.out.println(json.line());
        herald.close();
        if (sink != null) {
            sink.close();
        }
    }

    private static Duration ownCpu() {
        return ProcessHandle.current().info().totalCpuDuration().orElse(Duration.ZERO);
    }

    /**
     * The trivial durable endpoint ({@code herald.bench.probe}): the same client, concurrency and count as the
     * single-POST scenario, one small JSON body checked and one row committed per request.
     */
    private Measured probe(int requests) throws Exception {
        String type = "probe." + System.nanoTime();
        double seconds = drive(requests, r -> post("/api/v1/bench/probe", KEY, """
                {"type":"%s","email":"user%d@example.com","body":"Benchmark message %d"}""".formatted(type, r, r)));
        return new Measured("trivial durable endpoint (validate + insert + commit one row), "
                + options.concurrency() + " concurrent", requests / seconds, Double.NaN, null);
    }

    /** Sends {@code requests} requests with the configured number in flight; returns the seconds it took. */
    private double drive(int requests, Request request) throws Exception {
        Semaphore inFlight = new Semaphore(options.concurrency());
        long start = System.nanoTime();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Integer>> answers = new ArrayList<>(requests);
            for (int r = 0; r < requests; r++) {
                int number = r;
                inFlight.acquire();
                answers.add(pool.submit(() -> {
                    try {
                        return request.send(number);
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
        return (System.nanoTime() - start) / 1e9;
    }

    /** One request of a scenario; answers the HTTP status. */
    private interface Request {
        int send(int number) throws Exception;
    }

    private Measured scenario(String name, int notifications, int perRequest, String key) throws Exception {
        jdbc.update("DELETE FROM sandbox_message");
        // Each scenario gets its own notification type, so its deliveries are counted apart from the others'.
        String type = "bench." + System.nanoTime();
        int requests = (notifications + perRequest - 1) / perRequest;
        double acceptSeconds = drive(requests, r -> send(key, type, r * perRequest,
                Math.min(perRequest, notifications - r * perRequest), perRequest > 1));
        if (options.heraldArgs().contains("--herald.worker.enabled=false")
                || options.heraldArgs().contains("--herald.roles=api")) {
            // No dispatchers in this run: it measures intake alone.
            return new Measured(name + " (intake only)", notifications / acceptSeconds, Double.NaN, null);
        }
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        while (anyDue()) {
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
        return new Measured(name, notifications / acceptSeconds, notifications / deliverSeconds, latency);
    }

    private int send(String key, String type, int first, int count, boolean batch) throws Exception {
        StringBuilder items = new StringBuilder();
        for (int i = 0; i < count; i++) {
            items.append(i == 0 ? "" : ",").append("""
                    {"type":"%s","recipients":[{"email":"user%d@example.com"}],"channels":["EMAIL"],
                     "content":{"title":"Bench","body":"Benchmark message %d of %s"}}""".formatted(type, first + i,
                    first + i, type));
        }
        String body = batch ? "{\"notifications\":[" + items + "]}" : items.toString();
        return post(batch ? "/api/v1/notifications/batch" : "/api/v1/notifications", key, body);
    }

    private int post(String path, String key, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(base.resolve(path))
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
