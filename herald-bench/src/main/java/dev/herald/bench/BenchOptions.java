package dev.herald.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Command-line options of the benchmark: {@code --name=value}. */
record BenchOptions(int notifications, int batchSize, int concurrency, Path dataDir, String jdbcUrl,
                    List<String> heraldArgs, String scenario, int lowBacklog, int criticals) {

    static BenchOptions parse(String[] args) {
        int notifications = 20_000;
        int batchSize = 100;
        int concurrency = 16;
        Path dataDir = Path.of("target/bench-data-" + System.currentTimeMillis());
        String jdbcUrl = null;
        String scenario = "throughput";
        int lowBacklog = 100_000;
        int criticals = 200;
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
                case "data-dir" -> dataDir = Path.of(value);
                case "jdbc-url" -> jdbcUrl = value;
                case "scenario" -> scenario = value;
                case "low-backlog" -> lowBacklog = Integer.parseInt(value);
                case "criticals" -> criticals = Integer.parseInt(value);
                default -> throw new IllegalArgumentException("unknown option " + arg
                        + "; known: --scenario=throughput|priority|dedup --notifications --batch-size --concurrency"
                        + " --low-backlog --criticals --data-dir --jdbc-url,"
                        + " and any --herald.* or --spring.* setting, passed to Herald");
            }
        }
        if (!List.of("throughput", "priority", "dedup").contains(scenario)) {
            throw new IllegalArgumentException("--scenario must be throughput, priority or dedup");
        }
        return new BenchOptions(notifications, batchSize, concurrency, dataDir.toAbsolutePath(), jdbcUrl, heraldArgs,
                scenario, lowBacklog, criticals);
    }
}
