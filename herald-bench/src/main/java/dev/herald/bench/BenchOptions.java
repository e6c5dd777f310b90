package dev.herald.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Command-line options of the benchmark: {@code --name=value}. */
record BenchOptions(int notifications, int batchSize, int concurrency, Path dataDir, String jdbcUrl,
                    List<String> heraldArgs) {

    static BenchOptions parse(String[] args) {
        int notifications = 20_000;
        int batchSize = 100;
        int concurrency = 16;
        Path dataDir = Path.of("target/bench-data-" + System.currentTimeMillis());
        String jdbcUrl = null;
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
                default -> throw new IllegalArgumentException("unknown option " + arg
                        + "; known: --notifications --batch-size --concurrency --data-dir --jdbc-url,"
                        + " and any --herald.* or --spring.* setting, passed to Herald");
            }
        }
        return new BenchOptions(notifications, batchSize, concurrency, dataDir.toAbsolutePath(), jdbcUrl, heraldArgs);
    }
}
