package dev.herald.kafka;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import java.util.Map;

/** Parses record bytes as one JSON object; the parser's own messages quote the input, so they are never kept. */
final class JsonObjects {
    private final JsonMapper mapper = JsonMapper.builder().build();

    @SuppressWarnings("unchecked")
    Map<String, Object> parse(byte[] bytes, String what) {
        if (bytes == null || bytes.length == 0) {
            throw new PoisonRecordException(what + " is empty; expected a JSON object");
        }
        try {
            Object value = mapper.readValue(bytes, Object.class);
            if (value instanceof Map<?, ?> map) {
                return (Map<String, Object>) map;
            }
        } catch (JacksonException e) {
            throw new PoisonRecordException(what + " is not valid JSON");
        }
        throw new PoisonRecordException(what + " is JSON but not an object");
    }
}
