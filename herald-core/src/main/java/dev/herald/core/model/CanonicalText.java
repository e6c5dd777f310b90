package dev.herald.core.model;

import java.lang.reflect.RecordComponent;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;

/**
 * A value written out so that equal content always gives equal text and different content different text: map keys
 * sorted, record components and strings length-prefixed (so no value can imitate another's separators). What the
 * idempotency fingerprint and the content-dedup hash are computed over.
 */
public final class CanonicalText {
    private CanonicalText() {
    }

    public static String of(Object value) {
        StringBuilder out = new StringBuilder(256);
        write(out, value);
        return out.toString();
    }

    private static void write(StringBuilder out, Object value) {
        switch (value) {
            case null -> out.append('~');
            case Map<?, ?> map -> {
                Map<String, Object> sorted = new TreeMap<>();
                map.forEach((k, v) -> sorted.put(String.valueOf(k), v));
                out.append('{');
                sorted.forEach((k, v) -> {
                    text(out, k);
                    write(out, v);
                });
                out.append('}');
            }
            case Collection<?> list -> {
                out.append('[');
                list.forEach(item -> write(out, item));
                out.append(']');
            }
            case Record record -> {
                out.append('(');
                for (RecordComponent component : record.getClass().getRecordComponents()) {
                    text(out, component.getName());
                    try {
                        write(out, component.getAccessor().invoke(record));
                    } catch (ReflectiveOperationException e) {
                        throw new IllegalStateException("record component " + component.getName(), e);
                    }
                }
                out.append(')');
            }
            default -> {
                out.append(value.getClass().getSimpleName().charAt(0));
                text(out, value.toString());
            }
        }
    }

    private static void text(StringBuilder out, String s) {
        out.append(s.length()).append(':').append(s);
    }
}
