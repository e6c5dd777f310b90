package dev.herald.kafka;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;

import java.util.Optional;

/**
 * Replays a set-aside record (from the admin API) through the same reading and intake as the consumer: once the
 * cause is fixed (the type defined, the binding corrected) it becomes its notification; if it still breaks a rule
 * the answer says which. Needs no broker, so any node can replay.
 */
public final class SetAsideReplay {
    /** What a replay did: accepted, or still poison with the reason. */
    public sealed interface Outcome permits Accepted, StillPoison {
    }

    public record Accepted() implements Outcome {
    }

    public record StillPoison(String reason) implements Outcome {
    }

    private final BoundRecords records;
    private final EventSink sink;

    public SetAsideReplay(BoundRecords records, EventSink sink) {
        this.records = records;
        this.sink = sink;
    }

    /** @throws RuntimeException a transient failure (the database down): the letter stays as it is */
    public Outcome replay(SetAsideRecord letter) {
        RecordHeaders headers = new RecordHeaders();
        letter.headers().forEach(headers::add);
        ConsumerRecord<byte[], byte[]> record = new ConsumerRecord<>(letter.topic(), letter.partition(),
                letter.offset(), ConsumerRecord.NO_TIMESTAMP, TimestampType.NO_TIMESTAMP_TYPE,
                letter.key() == null ? -1 : letter.key().length, letter.value() == null ? -1 : letter.value().length,
                letter.key(), letter.value(), headers, Optional.empty());
        try {
            EventRecordListener.deliver(records, sink, record);
            return new Accepted();
        } catch (PoisonRecordException e) {
            return new StillPoison(e.reason());
        }
    }
}
