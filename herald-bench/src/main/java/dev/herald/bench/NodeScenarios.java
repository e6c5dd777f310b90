package dev.herald.bench;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * Scale mode as deployed: Herald nodes as separate JVMs on one PostgreSQL (a fresh database per run), each in its
 * roles. {@code --workers=N}: one API-only node takes the load, N worker nodes dispatch it. {@code
 * --scenario=kafka-events}: an events-only node consumes a topic of P partitions with P consumer threads. Every
 * figure is printed next to the raw-insert baseline measured in the same database in the same run.
 */
final class NodeScenarios {
    private static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres";

    private final BenchOptions options;
    private final String key;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<Process> nodes = new ArrayList<>();
    private final Map<Process, Integer> portOf = new HashMap<>();
    private JdbcTemplate jdbc;
    private URI api;

    NodeScenarios(BenchOptions options, String key) {
        this.options = options;
        this.key = key;
    }

    void run() throws Exception {
        // No Spring context in this JVM to configure logging: keep the Kafka clients' configuration dumps out.
        ((Logger) LoggerFactory.getLogger("org.apache.kafka")).setLevel(Level.WARN);
        boolean kafka = options.scenario().equals("kafka-events");
        List<String> rows = new ArrayList<>();
        for (int n : kafka ? options.partitions() : options.workers()) {
            String database = "herald_bench_" + System.currentTimeMillis();
            try {
                rows.add(kafka ? kafkaEvents(database, n) : workers(database, n));
            } finally {
                stopNodes();
                server().execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            }
        }
        System.out.println();
        System.out.printf("Herald scale-mode benchmark: %,d %s, separate JVMs on one PostgreSQL, %d cores%n%n",
                options.notifications(), kafka ? "events" : "notifications",
                Runtime.getRuntime().availableProcessors());
        System.out.println(kafka
                ? "| partitions = consumer threads | raw rows/s (baseline) | published/s | events accepted/s | ÷ baseline "
                        + "| CPU s per 1,000: Herald / PostgreSQL |"
                : "| worker nodes | raw rows/s (baseline) | accepted/s | delivered/s | accept→sent p99 | ÷ baseline "
                        + "| PG transactions per delivery | CPU s per 1,000: workers / API / PostgreSQL |");
        System.out.println(kafka ? "|---|---|---|---|---|---|" : "|---|---|---|---|---|---|---|---|");
        rows.forEach(System.out::println);
    }

    /** One API-only node takes batches; N worker-only nodes dispatch them to the sandbox. */
    private String workers(String database, int workers) throws Exception {
        String url = freshDatabase(database);
        startNodes(url, List.of("--herald.roles=api"));
        List<Process> front = List.copyOf(nodes);
        List<Process> dispatchers = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            dispatchers.add(launch("worker-" + w, url, List.of("--herald.roles=worker")));
        }
        awaitHealthy();
        double baseline = new RawInsertBaseline(jdbc.getDataSource()).run(options.notifications(), options.batchSize());
        // Warm up the JIT of every node first; a cold JVM measures the compiler, not Herald.
        drain(Math.min(2_000, options.notifications()));
        Duration cpuBefore = cpu(dispatchers);
        Duration apiBefore = cpu(front);
        Duration postgresBefore = postgresCpu();
        long commitsBefore = commits();
        String type = "bench." + System.nanoTime();
        long start = System.nanoTime();
        sendItems(options.notifications(), i -> notification(type, i));
        double accepted = options.notifications() / ((System.nanoTime() - start) / 1e9);
        awaitFinal(type);
        double commitsPerDelivery = (commits() - commitsBefore) / (double) options.notifications();
        double cpuPerThousand = perThousand(cpu(dispatchers).minus(cpuBefore));
        double apiPerThousand = perThousand(cpu(front).minus(apiBefore));
        double postgresPerThousand = perThousand(postgresCpu().minus(postgresBefore));
        Map<String, Object> sent = jdbc.queryForMap("""
                SELECT COUNT(*) AS sent, EXTRACT(EPOCH FROM MAX(sent_at) - MIN(created_at)) AS seconds,
                       PERCENTILE_CONT(0.99) WITHIN GROUP (ORDER BY EXTRACT(EPOCH FROM sent_at - created_at)) AS p99
                FROM delivery WHERE type = ? AND status = 'SENT'""", type);
        if (((Number) sent.get("sent")).intValue() != options.notifications()) {
            throw new IllegalStateException("expected " + options.notifications() + " sent, found " + sent.get("sent"));
        }
        double delivered = options.notifications() / ((Number) sent.get("seconds")).doubleValue();
        long p99 = Math.round(((Number) sent.get("p99")).doubleValue() * 1_000);
        System.out.printf(Locale.ROOT, "BENCH_JSON {\"db\":\"postgresql\",\"scenario\":\"workers\",\"workers\":%d,"
                        + "\"notifications\":%d,\"raw_rows_per_s\":%.0f,\"accepted_per_s\":%.0f,\"delivered_per_s\":%.0f,"
                        + "\"accept_to_sent_p99_ms\":%d,\"pg_xacts_per_delivery\":%.2f,\"cpu_s_per_1000\":{\"workers\":%.2f,"
                        + "\"api\":%.2f,\"postgresql\":%.2f},\"cores\":%d}%n", workers, options.notifications(),
                baseline, accepted, delivered, p99, commitsPerDelivery, cpuPerThousand, apiPerThousand,
                postgresPerThousand, Runtime.getRuntime().availableProcessors());
        return String.format(Locale.ROOT, "| %d | %,.0f | %,.0f | %,.0f | %,d ms | %.3f | %.2f | %.2f / %.2f / %.2f |",
                workers, baseline, accepted, delivered, p99, delivered / baseline, commitsPerDelivery, cpuPerThousand,
                apiPerThousand, postgresPerThousand);
    }

    /**
     * An API-only node sets up the type and its users; an events-only node consumes a topic of P partitions with P
     * consumer threads. Events/s runs from the first record published to the last notification accepted.
     */
    private String kafkaEvents(String database, int partitions) throws Exception {
        String url = freshDatabase(database);
        startNodes(url, List.of("--herald.roles=api"));
        String type = "bench.kafka";
        int users = Math.min(500, options.notifications());
        post("PUT", "/api/v1/types/" + type, "{\"channels\":[\"EMAIL\"],\"recipientFields\":[\"userId\"],"
                + "\"dedupWindow\":\"PT0S\"}", 201);
        post("PUT", "/api/v1/templates/" + type + "/email/default",
                "{\"subject\":\"Order {{orderId}}\",\"text\":\"Your order {{orderId}} moved\"}", 201);
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            Semaphore inFlight = new Semaphore(options.concurrency());
            List<Future<?>> made = new ArrayList<>();
            for (int u = 0; u < users; u++) {
                String user = "u-" + u;
                inFlight.acquire();
                made.add(pool.submit(() -> {
                    try {
                        return post("PUT", "/api/v1/users/" + user, "{\"email\":\"" + user + "@example.com\"}", 201);
                    } finally {
                        inFlight.release();
                    }
                }));
            }
            for (Future<?> answer : made) {
                answer.get();
            }
        }
        String topic = "bench.events." + System.currentTimeMillis();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, options.kafka()))) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get();
        }
        launch("events", url, List.of("--herald.roles=events", "--herald.kafka.bootstrap-servers=" + options.kafka(),
                "--herald.kafka.events.group-id=" + topic, "--herald.kafka.events.concurrency=" + partitions,
                "--herald.kafka.events.bindings[0].topic=" + topic, "--herald.kafka.events.bindings[0].type=" + type,
                "--herald.kafka.events.bindings[0].event-id-field=eventId",
                "--herald.kafka.events.bindings[0].data-field=data"));
        awaitHealthy();
        double baseline = new RawInsertBaseline(jdbc.getDataSource()).run(options.notifications(), options.batchSize());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, options.kafka(), ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 5, ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
            // Warm up the consumer node's JIT on the same path first.
            int warmUp = Math.min(1_000, options.notifications());
            publish(producer, topic, "w-", warmUp, users);
            awaitCount("SELECT COUNT(*) FROM notification WHERE idempotency_key LIKE 'event:w-%'", warmUp);
            Duration eventsBefore = cpu(nodes);
            Duration postgresBefore = postgresCpu();
            Instant first = Instant.now();
            publish(producer, topic, "e-", options.notifications(), users);
            double published = options.notifications() / (Duration.between(first, Instant.now()).toNanos() / 1e9);
            awaitCount("SELECT COUNT(*) FROM notification WHERE idempotency_key LIKE 'event:e-%'",
                    options.notifications());
            OffsetDateTime last = jdbc.queryForObject(
                    "SELECT MAX(created_at) FROM notification WHERE idempotency_key LIKE 'event:e-%'",
                    OffsetDateTime.class);
            double events = options.notifications() / (Duration.between(first, last.toInstant()).toNanos() / 1e9);
            // Both nodes: the API node is idle here, so this is the events node's cost.
            double nodesPerThousand = perThousand(cpu(nodes).minus(eventsBefore));
            double postgresPerThousand = perThousand(postgresCpu().minus(postgresBefore));
            System.out.printf(Locale.ROOT, "BENCH_JSON {\"db\":\"postgresql\",\"scenario\":\"kafka-events\","
                            + "\"partitions\":%d,\"events\":%d,\"raw_rows_per_s\":%.0f,\"published_per_s\":%.0f,"
                            + "\"events_per_s\":%.0f,\"cpu_s_per_1000\":{\"nodes\":%.2f,\"postgresql\":%.2f},"
                            + "\"cores\":%d}%n", partitions, options.notifications(), baseline, published, events,
                    nodesPerThousand, postgresPerThousand, Runtime.getRuntime().availableProcessors());
            return String.format(Locale.ROOT, "| %d | %,.0f | %,.0f | %,.0f | %.3f | %.2f / %.2f |", partitions,
                    baseline, published, events, events / baseline, nodesPerThousand, postgresPerThousand);
        }
    }

    private void publish(KafkaProducer<String, String> producer, String topic, String prefix, int count, int users) {
        for (int i = 0; i < count; i++) {
            String id = prefix + i;
            producer.send(new ProducerRecord<>(topic, id, "{\"eventId\":\"%s\",\"data\":{\"userId\":\"u-%d\",\"orderId\":\"%s\"}}"
                    .formatted(id, i % users, id)));
        }
        producer.flush();
    }

    private void drain(int count) throws Exception {
        String type = "bench.warm-up." + System.nanoTime();
        sendItems(count, i -> notification(type, i));
        awaitFinal(type);
    }

    private String freshDatabase(String database) {
        server().execute("CREATE DATABASE " + database);
        String url = SERVER.replace("/postgres?", "/" + database + "?");
        jdbc = new JdbcTemplate(new DriverManagerDataSource(url));
        return url;
    }

    private JdbcTemplate server() {
        return new JdbcTemplate(new DriverManagerDataSource(options.jdbcUrl() != null ? options.jdbcUrl() : SERVER));
    }

    /** The first node migrates the fresh database alone; nodes started after it find it migrated. */
    private void startNodes(String url, List<String> settings) throws Exception {
        int port = freePort();
        api = URI.create("http://127.0.0.1:" + port);
        launch("api", url, port, settings);
        awaitHealthy();
    }

    private Process launch(String name, String url, List<String> settings) throws IOException {
        return launch(name, url, freePort(), settings);
    }

    private Process launch(String name, String url, int port, List<String> settings) throws IOException {
        List<String> command = new ArrayList<>(ChildJava.command(List.of(), "dev.herald.server.HeraldApplication",
                List.of("--server.port=" + port, "--herald.data-dir=" + options.dataDir().resolve(name),
                        "--herald.admin-key=" + key, "--logging.level.root=warn", "--spring.datasource.url=" + url)));
        command.addAll(settings);
        command.addAll(options.heraldArgs());
        Files.createDirectories(options.dataDir());
        Process node = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(options.dataDir().resolve(name + "-" + System.currentTimeMillis() + ".log").toFile())
                .start();
        nodes.add(node);
        portOf.put(node, port);
        return node;
    }

    private void awaitHealthy() throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        for (Process node : nodes) {
            URI health = URI.create("http://127.0.0.1:" + portOf.get(node) + "/actuator/health/readiness");
            while (true) {
                if (!node.isAlive()) {
                    throw new IllegalStateException("a Herald node exited with " + node.exitValue() + "; see the logs in "
                            + options.dataDir());
                }
                try {
                    if (http.send(HttpRequest.newBuilder(health).build(), HttpResponse.BodyHandlers.discarding())
                            .statusCode() == 200) {
                        break;
                    }
                } catch (IOException notYet) {
                    // still starting
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("a Herald node did not become ready within 3 minutes");
                }
                Thread.sleep(250);
            }
        }
    }

    private void stopNodes() throws InterruptedException {
        for (Process node : nodes) {
            node.destroy();
        }
        for (Process node : nodes) {
            if (!node.waitFor(30, TimeUnit.SECONDS)) {
                node.destroyForcibly().waitFor();
            }
        }
        nodes.clear();
        portOf.clear();
    }

    private static Duration cpu(List<Process> processes) {
        return processes.stream().map(p -> p.info().totalCpuDuration().orElse(Duration.ZERO))
                .reduce(Duration.ZERO, Duration::plus);
    }

    /** The machine's PostgreSQL server processes (other databases' work on it included: the machine is shared). */
    private static Duration postgresCpu() {
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().command().filter(c -> c.startsWith("/usr/lib/postgresql/")).isPresent())
                .map(p -> p.info().totalCpuDuration().orElse(Duration.ZERO))
                .reduce(Duration.ZERO, Duration::plus);
    }

    private double perThousand(Duration cpu) {
        return cpu.toMillis() / 1e3 / options.notifications() * 1_000;
    }

    private long commits() {
        return jdbc.queryForObject("SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()",
                Long.class);
    }

    private void awaitFinal(String type) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        while (jdbc.queryForObject("SELECT COUNT(*) FROM delivery WHERE type = ? AND due_at IS NOT NULL", Long.class,
                type) > 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("deliveries did not finish within 10 minutes");
            }
            Thread.sleep(100);
        }
    }

    private void awaitCount(String sql, long expected) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        while (jdbc.queryForObject(sql, Long.class) < expected) {
            long poison = jdbc.queryForObject("SELECT COUNT(*) FROM event_dead_letter", Long.class);
            if (poison > 0 || System.nanoTime() > deadline) {
                throw new IllegalStateException(poison > 0 ? poison + " records were set aside as poison"
                        : "not done within 10 minutes: " + sql);
            }
            Thread.sleep(100);
        }
    }

    /** Sends items in batches of the configured size, with the configured number of requests in flight. */
    private void sendItems(int count, IntFunction<String> item) throws Exception {
        Semaphore inFlight = new Semaphore(options.concurrency());
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int from = 0; from < count; from += options.batchSize()) {
                StringBuilder items = new StringBuilder();
                for (int i = from; i < Math.min(count, from + options.batchSize()); i++) {
                    items.append(i == from ? "" : ",").append(item.apply(i));
                }
                inFlight.acquire();
                answers.add(pool.submit(() -> {
                    try {
                        return post("POST", "/api/v1/notifications/batch", "{\"notifications\":[" + items + "]}", 200);
                    } finally {
                        inFlight.release();
                    }
                }));
            }
            for (Future<Integer> answer : answers) {
                answer.get();
            }
        }
    }

    private static String notification(String type, int i) {
        return """
                {"type":"%s","recipients":[{"email":"user%d@example.com"}],"channels":["EMAIL"],
                 "content":{"title":"Bench","body":"Benchmark message %d of %s"}}""".formatted(type, i, i, type);
    }

    private int post(String method, String path, String body, int expected) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(api.resolve(path))
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body)).build();
        int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        if (status != expected && !(expected == 201 && status == 200)) {
            throw new IllegalStateException(method + " " + path + ": Herald answered " + status);
        }
        return status;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
