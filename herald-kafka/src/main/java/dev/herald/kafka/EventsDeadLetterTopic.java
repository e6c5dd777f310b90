package dev.herald.kafka;

import dev.herald.core.model.TenantId;
import dev.herald.core.request.InvalidRequestException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.ConsumerRecordRecoverer;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sets a poison record aside so its partition moves on: first into {@link PoisonRecords} (the table the admin API
 * lists and replays), then onto the events DLQ topic with headers naming the source topic, partition, offset,
 * the error and the attempt count. Both steps are synchronous: if either fails, this throws, the error handler
 * does not commit the offset, and the record is read and set aside again (both steps tolerate the repeat).
 */
final class EventsDeadLetterTopic implements ConsumerRecordRecoverer {
    static final String TOPIC_HEADER = "herald.dlq.topic";
    static final String PARTITION_HEADER = "herald.dlq.partition";
    static final String OFFSET_HEADER = "herald.dlq.offset";
    static final String ERROR_HEADER = "herald.dlq.error";
    static final String ATTEMPTS_HEADER = "herald.dlq.attempts";
    private static final Logger LOG = LoggerFactory.getLogger(EventsDeadLetterTopic.class);

    private final KafkaOperations<byte[], byte[]> producer;
    private final String dlqTopic;
    private final BoundRecords records;
    private final PoisonRecords poisonRecords;
    private final Runnable counter;

    EventsDeadLetterTopic(KafkaOperations<byte[], byte[]> producer, String dlqTopic,
                          BoundRecords records, PoisonRecords poisonRecords, Runnable counter) {
        this.producer = producer;
        this.dlqTopic = dlqTopic;
        this.records = records;
        this.poisonRecords = poisonRecords;
        this.counter = counter;
    }

    @Override
    public void accept(ConsumerRecord<?, ?> failed, Exception exception) {
        @SuppressWarnings("unchecked")
        ConsumerRecord<byte[], byte[]> record = (ConsumerRecord<byte[], byte[]>) failed;
        String error = reason(exception);
        int attempts = previousAttempts(record) + 1;
        // An unbound topic cannot occur (the consumer reads bound topics only); the default tenant keeps it visible.
        TenantId tenant = records.binding(record.topic()).map(EventBinding::tenant).orElse(TenantId.defaultTenant());
        Map<String, byte[]> headers = new LinkedHashMap<>();
        for (Header header : record.headers()) {
            headers.put(header.key(), header.value());
        }
        poisonRecords.setAside(new SetAsideRecord(tenant, record.topic(), record.partition(),
                record.offset(), record.key(), record.value(), headers, error, attempts));
        RecordHeaders out = new RecordHeaders(record.headers().toArray());
        out.remove(ATTEMPTS_HEADER);
        out.add(TOPIC_HEADER, utf8(record.topic()));
        out.add(PARTITION_HEADER, utf8(Integer.toString(record.partition())));
        out.add(OFFSET_HEADER, utf8(Long.toString(record.offset())));
        out.add(ERROR_HEADER, utf8(error));
        out.add(ATTEMPTS_HEADER, utf8(Integer.toString(attempts)));
        try {
            producer.send(new ProducerRecord<>(dlqTopic, null, record.key(), record.value(), out))
                    .get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while setting a record aside", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the events DLQ topic did not take the record", e);
        }
        counter.run();
        LOG.warn("Set aside record {}-{}@{} on {}: {}", record.topic(), record.partition(), record.offset(),
                dlqTopic, error);
    }

    /** The rule the record broke, never its content: Herald's own reasons name fields and rules only. */
    static String reason(Throwable exception) {
        for (Throwable t = exception; t != null; t = t.getCause()) {
            if (t instanceof PoisonRecordException poison) {
                return poison.reason();
            }
            if (t instanceof InvalidRequestException invalid && !invalid.violations().isEmpty()) {
                var first = invalid.violations().getFirst();
                return first.field() + " (" + first.rule() + "): " + first.message();
            }
        }
        return exception.getClass().getSimpleName();
    }

    private static int previousAttempts(ConsumerRecord<byte[], byte[]> record) {
        Header header = record.headers().lastHeader(ATTEMPTS_HEADER);
        if (header == null) {
            return 0;
        }
        try {
            return Integer.parseInt(new String(header.value(), StandardCharsets.UTF_8));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
