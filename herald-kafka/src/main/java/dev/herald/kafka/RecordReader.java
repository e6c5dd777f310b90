package dev.herald.kafka;

import dev.herald.core.intake.BusinessEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Reads one Kafka record as a business event, or refuses it as poison. */
sealed interface RecordReader permits JsonRecordReader, CloudEventsRecordReader {

    /** @throws PoisonRecordException when the record cannot be an event under its binding */
    BusinessEvent read(ConsumerRecord<byte[], byte[]> record, EventBinding binding);

    static RecordReader of(EventBinding.Format format, JsonObjects json) {
        return switch (format) {
            case JSON -> new JsonRecordReader(json);
            case CLOUDEVENTS -> new CloudEventsRecordReader(json);
        };
    }
}
