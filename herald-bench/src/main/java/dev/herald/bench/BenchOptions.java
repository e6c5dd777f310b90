package dev.herald.bench;

import java.nio.file.Path;

/** Command-line options of the benchmark: {@code --name=value}. */
record BenchOptions(int notifications, int batchSize, int concurrency, Path dataDir, String jdbcUrl) {

    static BenchOptions parse(String[] args) {
        int notifications = 20_000;
        int batchSize = 100;
        int concurrency = 16;
        Path dataDir = Path.of("target/bench-data-" + System.currentTimeMillis());
        String jdbcUrl = null;
        for (String arg : args) {
            String[] kv = arg.replaceFirst("^--", "").split("=", 2);
            String value = kv.length > 1 ? kv[1] : "";
            switch (kv[0]) {
                case "notifications" -> notifications = Integer.parseInt(value);
                case "batch-size" -> batchSize = Integer.parseInt(value);
                case "concurrency" -> concurrency = Integer.parseInt(value);
                case "data-dir" -> dataDir = Path.of(value);
                case "jdbc-url" -> jdbcUrl = value;
                default -> throw new IllegalArgumentException("unknown option " + arg
                        + "; known: --notifications --batch-size --concurrency --data-dir --jdbc-url");
            }
        }
        return new BenchOptions(notifications, batchSize, concurrency, dataDir.toAbsolutePath(), jdbcUrl);
    }
}
