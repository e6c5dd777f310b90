package dev.herald.kafka;

import dev.herald.core.intake.BusinessEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/** A plain JSON record: the binding says which fields hold the event id, the type and the data. */
final class JsonRecordReader implements RecordReader {
    /** The W3C trace context as a Kafka header, as OpenTelemetry's Kafka instrumentation writes it. */
    static final String TRACEPARENT_HEADER = "traceparent";

    private final JsonObjects json;

    JsonRecordReader(JsonObjects json) {
        this.json = json;
    }

    @Override
    @SuppressWarnings("unchecked")
    public BusinessEvent read(ConsumerRecord<byte[], byte[]> record, EventBinding binding) {
        Map<String, Object> body = json.parse(record.value(), "the record's value");
        String eventId = scalar(body.get(binding.eventIdField()), binding.eventIdField());
        String type = binding.type();
        if (type == null) {
            type = binding.heraldType(scalar(body.get(binding.typeField()), binding.typeField()));
        }
        Map<String, Object> data = body;
        if (binding.dataField() != null) {
            Object value = body.get(binding.dataField());
            if (!(value instanceof Map<?, ?>)) {
                throw new PoisonRecordException("field '" + binding.dataField() + "' must be a JSON object");
            }
            data = (Map<String, Object>) value;
        }
        var trace = record.headers().lastHeader(TRACEPARENT_HEADER);
        return new BusinessEvent(eventId, type, data, null,
                RecordReader.trace(trace == null ? null : new String(trace.value(), StandardCharsets.UTF_8)));
    }

    private static String scalar(Object value, String field) {
        if (value instanceof String text && !text.isBlank()) {
            return text;
        }
        if (value instanceof Number number) {
            return number.toString();
        }
        throw new PoisonRecordException("field '" + field + "' must be a non-empty string");
    }
}
