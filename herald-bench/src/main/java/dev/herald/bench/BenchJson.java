package dev.herald.bench;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The one line per run a script reads: {@code BENCH_JSON {...}}, keys in the order given, numbers rounded to whole
 * units (latencies in ms), a figure that was not measured (NaN, negative latency) as {@code null}.
 */
final class BenchJson {
    private final Map<String, Object> fields = new LinkedHashMap<>();

    BenchJson(String jdbcUrl) {
        fields.put("db", jdbcUrl != null && jdbcUrl.startsWith("jdbc:postgresql:") ? "postgresql" : "h2");
    }

    BenchJson perSecond(String key, double value) {
        fields.put(key, Double.isNaN(value) || Double.isInfinite(value) ? null : Math.round(value));
        return this;
    }

    BenchJson count(String key, long value) {
        fields.put(key, value);
        return this;
    }

    BenchJson millis(String key, long value) {
        fields.put(key, value < 0 ? null : value);
        return this;
    }

    String line() {
        StringJoiner json = new StringJoiner(",", "{", "}");
        fields.forEach((key, value) -> json.add(String.format(Locale.ROOT, "\"%s\":%s", key,
                value instanceof String s ? "\"" + s + "\"" : String.valueOf(value))));
        return "BENCH_JSON " + json;
    }
}
