package dev.herald.server.config;

import dev.herald.core.request.Violations;

import java.lang.reflect.RecordComponent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A tenant's JSON settings as the properties Spring's binder reads for {@code herald.providers.<kind>[i]}: each key
 * checked against the kind's settings record, camelCase and kebab-case alike, so an unknown or misplaced setting is
 * named instead of silently ignored.
 */
final class SettingsProperties {
    private SettingsProperties() {
    }

    /**
     * Flattens the JSON settings into binder properties under {@code s}, checking each key against the settings
     * record (nested records such as {@code http} and {@code guards} too); maps (a body template, template codes)
     * take any key.
     */
    static void flatten(Violations v, String field, String property, Class<?> type, Map<String, Object> values,
                                Map<String, Object> out) {
        Map<String, RecordComponent> components = new LinkedHashMap<>();
        for (RecordComponent c : type.getRecordComponents()) {
            components.put(kebab(c.getName()), c);
        }
        values.forEach((key, value) -> {
            String kebab = kebab(key);
            String f = field + "." + kebab;
            RecordComponent c = components.get(kebab);
            if (c == null || (field.equals("settings") && kebab.equals("name"))) {
                v.add(f, "unknown-field", "is not a setting of this kind");
            } else if (value == null) {
                // Left out: the default applies.
            } else if (c.getType().isRecord()) {
                if (value instanceof Map<?, ?> nested) {
                    flatten(v, f, property + "." + kebab, c.getType(), stringKeys(nested), out);
                } else {
                    v.add(f, "type", "must be an object");
                }
            } else if (Map.class.isAssignableFrom(c.getType())) {
                if (value instanceof Map<?, ?> map) {
                    flattenAny(property + "." + kebab, map, out);
                } else {
                    v.add(f, "type", "must be an object");
                }
            } else if (value instanceof Map<?, ?>) {
                v.add(f, "type", "must not be an object");
            } else if (value instanceof List<?> list) {
                for (int i = 0; i < list.size(); i++) {
                    out.put(property + "." + kebab + "[" + i + "]", String.valueOf(list.get(i)));
                }
            } else {
                out.put(property + "." + kebab, String.valueOf(value));
            }
        });
    }

    private static void flattenAny(String property, Object value, Map<String, Object> out) {
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, inner) -> flattenAny(property + "[" + k + "]", inner, out));
        } else if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                flattenAny(property + "[" + i + "]", list.get(i), out);
            }
        } else if (value != null) {
            out.put(property, String.valueOf(value));
        }
    }

    private static Map<String, Object> stringKeys(Map<?, ?> map) {
        Map<String, Object> copy = new LinkedHashMap<>();
        map.forEach((k, value) -> copy.put(String.valueOf(k), value));
        return copy;
    }


    /** {@code startTls} and {@code start-tls} are the same setting; kebab-case is how they are stored and shown. */
    static String kebab(String key) {
        StringBuilder out = new StringBuilder(key.length() + 4);
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (Character.isUpperCase(c)) {
                if (i > 0) {
                    out.append('-');
                }
                out.append(Character.toLowerCase(c));
            } else {
                out.append(c == '_' ? '-' : c);
            }
        }
        return out.toString();
    }
}
