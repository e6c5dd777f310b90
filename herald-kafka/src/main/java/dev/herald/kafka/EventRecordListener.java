package dev.herald.kafka;

import dev.herald.core.intake.BusinessEvent;
import dev.herald.core.request.InvalidRequestException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.listener.MessageListener;

import java.util.Map;

/**
 * One record → one event → the intake. A rule the event breaks makes it poison (set aside, never retried in
 * place); anything else (the database down, a timeout) propagates, and the error handler retries the same record
 * with back-off, so nothing behind it on the partition is skipped or overtakes it.
 */
final class EventRecordListener implements MessageListener<byte[], byte[]> {
    private final Map<String, EventBinding> bindings;
    private final Map<EventBinding.Format, RecordReader> readers;
    private final EventSink sink;

    EventRecordListener(Map<String, EventBinding> bindings, Map<EventBinding.Format, RecordReader> readers,
                        EventSink sink) {
        this.bindings = bindings;
        this.readers = readers;
        this.sink = sink;
    }

    @Override
    public void onMessage(ConsumerRecord<byte[], byte[]> record) {
        EventBinding binding = bindings.get(record.topic());
        if (binding == null) {
            throw new PoisonRecordException("no binding for topic " + record.topic());
        }
        BusinessEvent event = readers.get(binding.format()).read(record, binding);
        try {
            sink.accept(binding.tenant(), event);
        } catch (InvalidRequestException e) {
            throw new PoisonRecordException(EventsDeadLetterTopic.reason(e));
        }
    }
}
