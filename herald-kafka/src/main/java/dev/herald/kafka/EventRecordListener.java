package dev.herald.kafka;

import dev.herald.core.request.InvalidRequestException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.listener.MessageListener;

/**
 * One record → one event → the intake. A rule the event breaks makes it poison (set aside, never retried in
 * place); anything else (the database down, a timeout) propagates, and the error handler retries the same record
 * with back-off, so nothing behind it on the partition is skipped or overtakes it.
 */
final class EventRecordListener implements MessageListener<byte[], byte[]> {
    private final BoundRecords records;
    private final EventSink sink;

    EventRecordListener(BoundRecords records, EventSink sink) {
        this.records = records;
        this.sink = sink;
    }

    @Override
    public void onMessage(ConsumerRecord<byte[], byte[]> record) {
        deliver(records, sink, record);
    }

    /** Shared with the admin replay, so a replayed record follows exactly the consumer's rules. */
    static void deliver(BoundRecords records, EventSink sink, ConsumerRecord<byte[], byte[]> record) {
        BoundRecords.Read read = records.read(record);
        try {
            sink.accept(read.tenant(), read.event());
        } catch (InvalidRequestException e) {
            throw new PoisonRecordException(EventsDeadLetterTopic.reason(e));
        }
    }
}
