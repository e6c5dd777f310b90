package dev.herald.kafka;

import dev.herald.core.intake.BusinessEvent;
import dev.herald.core.model.TraceParent;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Reads one Kafka record as a business event, or refuses it as poison. */
sealed interface RecordReader permits JsonRecordReader, CloudEventsRecordReader {

    /** @throws PoisonRecordException when the record cannot be an event under its binding */
    BusinessEvent read(ConsumerRecord<byte[], byte[]> record, EventBinding binding);

    /**
     * The producer's trace context, or null. A malformed one is dropped rather than making the record poison: the
     * event is still worth sending, and W3C Trace Context says to start afresh when the parent is unreadable.
     */
    static TraceParent trace(String header) {
        if (header == null) {
            return null;
        }
        try {
            return TraceParent.parse(header);
        } catch (TraceParent.Invalid e) {
            return null;
        }
    }

    static RecordReader of(EventBinding.Format format, JsonObjects json) {
        return switch (format) {
            case JSON -> new JsonRecordReader(json);
            case CLOUDEVENTS -> new CloudEventsRecordReader(json);
        };
    }
}
