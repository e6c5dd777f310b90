package dev.herald.kafka;

import dev.herald.core.intake.BusinessEvent;
import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.KafkaMessageFactory;
import io.cloudevents.rw.CloudEventRWException;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.util.Map;

/**
 * A CloudEvents 1.0 record in binary mode ({@code ce_*} headers) or structured mode
 * ({@code content-type: application/cloudevents+json}), read by the CloudEvents SDK: {@code id} is the event id,
 * {@code type} the notification type (through the binding's map), {@code time} when it occurred, and the JSON
 * {@code data} the event's fields.
 */
final class CloudEventsRecordReader implements RecordReader {
    private final JsonObjects json;

    CloudEventsRecordReader(JsonObjects json) {
        this.json = json;
    }

    @Override
    public BusinessEvent read(ConsumerRecord<byte[], byte[]> record, EventBinding binding) {
        CloudEvent event;
        try {
            event = KafkaMessageFactory.createReader(record).toEvent();
        } catch (CloudEventRWException | IllegalStateException | IllegalArgumentException e) {
            // The SDK's messages may quote the record; keep only what kind of failure it was.
            throw new PoisonRecordException("not a CloudEvents 1.0 record (binary or structured JSON mode)");
        }
        String contentType = event.getDataContentType();
        if (contentType != null && !contentType.startsWith("application/json") && !contentType.endsWith("+json")) {
            throw new PoisonRecordException("datacontenttype must be application/json");
        }
        Map<String, Object> data = event.getData() == null ? Map.of()
                : json.parse(event.getData().toBytes(), "the CloudEvent's data");
        // A binding that names one type for its topic decides; otherwise the event's own type, through the map.
        String type = binding.type() != null ? binding.type() : binding.heraldType(event.getType());
        // The CloudEvents distributed-tracing extension (ce_traceparent in binary mode).
        Object trace = event.getExtension("traceparent");
        return new BusinessEvent(event.getId(), type, data,
                event.getTime() == null ? null : event.getTime().toString(),
                RecordReader.trace(trace == null ? null : trace.toString()));
    }
}
