package dev.herald.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Command-line options of the benchmark: {@code --name=value}. */
record BenchOptions(int notifications, int batchSize, int concurrency, Path dataDir, String jdbcUrl,
                    List<String> heraldArgs, String scenario, int lowBacklog, int criticals, List<Integer> workers,
                    List<Integer> partitions, String kafka, String smtpSink, int smtpConnections,
                    int subscribers, boolean keepData) {

    /**
     * Whether the H2 files stay after a run in one JVM: only in a directory given with {@code --data-dir}. The default
     * one is deleted, since a million-subscriber run leaves 10–17 GB there (a session's runs once filled the disk).
     */
    boolean keepDataAfterRun() {
        return keepData;
    }

    /** Whether email also goes over SMTP to a local sink ({@code --smtp-sink}). */
    boolean smtp() {
        return !smtpSink.equals("none");
    }

    /** Runs separate Herald processes on one PostgreSQL ({@link NodeScenarios}) rather than one in this JVM. */
    boolean processes() {
        return !workers.isEmpty() || scenario.equals("kafka-events");
    }


    static BenchOptions parse(String[] args) {
        int notifications = 20_000;
        int batchSize = 100;
        int concurrency = 16;
        Path dataDir = Path.of("target/bench-data-" + System.currentTimeMillis());
        boolean keepData = false;
        String jdbcUrl = null;
        String scenario = "throughput";
        int lowBacklog = 100_000;
        int criticals = 200;
        List<Integer> workers = List.of();
        List<Integer> partitions = List.of(1, 2);
        String kafka = "localhost:9092";
        String smtpSink = "none";
        int smtpConnections = 8;
        int subscribers = 100_000;
        List<String> heraldArgs = new ArrayList<>();
        for (String arg : args) {
            if (arg.startsWith("--herald.") || arg.startsWith("--spring.")) {
                heraldArgs.add(arg);
                continue;
            }
            String[] kv = arg.replaceFirst("^--", "").split("=", 2);
            String value = kv.length > 1 ? kv[1] : "";
            switch (kv[0]) {
                case "notifications" -> notifications = Integer.parseInt(value);
                case "batch-size" -> batchSize = Integer.parseInt(value);
                case "concurrency" -> concurrency = Integer.parseInt(value);
                case "data-dir" -> {
                    dataDir = Path.of(value);
                    keepData = true;
                }
                case "jdbc-url" -> jdbcUrl = value;
                case "scenario" -> scenario = value;
                case "low-backlog" -> lowBacklog = Integer.parseInt(value);
                case "criticals" -> criticals = Integer.parseInt(value);
                case "workers" -> workers = counts(value);
                case "partitions" -> partitions = counts(value);
                case "kafka" -> kafka = value;
                case "smtp-sink" -> smtpSink = switch (value) {
                    case "", "true", "process" -> "process";
                    case "jvm", "counting" -> value;
                    case "false", "none" -> "none";
                    default -> throw new IllegalArgumentException("--smtp-sink must be process (the default), counting or jvm");
                };
                case "smtp-connections" -> smtpConnections = Integer.parseInt(value);
                case "subscribers" -> subscribers = Integer.parseInt(value);
                default -> throw new IllegalArgumentException("unknown option " + arg
                        + "; known: --scenario=throughput|priority|dedup|broadcast|kafka-events --notifications --batch-size --concurrency"
                        + " --low-backlog --criticals --data-dir --jdbc-url --workers=1,2,3 --partitions=1,2 --kafka --smtp-sink[=process|counting|jvm] --smtp-connections --subscribers,"
                        + " and any --herald.* or --spring.* setting, passed to Herald");
            }
        }
        if (!List.of("throughput", "priority", "dedup", "broadcast", "kafka-events").contains(scenario)) {
            throw new IllegalArgumentException("--scenario must be throughput, priority, dedup, broadcast or kafka-events");
        }
        if (!smtpSink.equals("none") && (!scenario.equals("throughput") || !workers.isEmpty())) {
            throw new IllegalArgumentException("--smtp-sink belongs to the throughput scenario in one JVM");
        }
        return new BenchOptions(notifications, batchSize, concurrency, dataDir.toAbsolutePath(), jdbcUrl, heraldArgs,
                scenario, lowBacklog, criticals, workers, partitions, kafka, smtpSink, smtpConnections, subscribers,
                keepData);
    }

    private static List<Integer> counts(String value) {
        List<Integer> counts = Arrays.stream(value.split(",")).map(String::trim).map(Integer::parseInt).toList();
        if (counts.isEmpty() || counts.stream().anyMatch(n -> n < 1 || n > 16)) {
            throw new IllegalArgumentException("counts must be 1..16, comma-separated: " + value);
        }
        return counts;
    }
}
