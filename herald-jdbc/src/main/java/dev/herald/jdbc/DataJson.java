package dev.herald.jdbc;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import java.util.Map;

/** A delivery's structured data as one JSON text column; absent (NULL) when empty, which is the common case. */
final class DataJson {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private DataJson() {
    }

    static String write(Map<String, Object> data) {
        return data == null || data.isEmpty() ? null : JSON.writeValueAsString(data);
    }

    static Map<String, Object> read(String json) {
        return json == null ? Map.of() : JSON.readValue(json, MAP);
    }
}
