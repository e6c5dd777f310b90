package dev.herald.kafka;

import dev.herald.core.statusout.StatusEvent;
import dev.herald.core.statusout.StatusSink;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Publishes status events to {@code herald.status}, keyed by notification id, as JSON. The producer is idempotent
 * with {@code acks=all} (as the events DLQ producer): a retried batch is not written twice and records of one key
 * stay in order. {@link #publish} returns only when the broker acknowledged every record, and throws otherwise, so
 * the relay keeps the events and hands them on again.
 */
public final class KafkaStatusTopic implements StatusSink {
    private final DefaultKafkaProducerFactory<String, byte[]> producerFactory;
    private final KafkaTemplate<String, byte[]> producer;
    private final String topic;
    private final Duration sendTimeout;
    private final JsonMapper json = JsonMapper.builder().build();

    /**
     * @param sendTimeout how long one batch may take to be acknowledged; shorter than the relay's lease
     * @param clientProperties extra Kafka client settings (security, SASL), as for the event consumer
     */
    public KafkaStatusTopic(String bootstrapServers, String topic, Duration sendTimeout,
                            Map<String, Object> clientProperties) {
        this.producerFactory = new DefaultKafkaProducerFactory<>(producerConfig(bootstrapServers, sendTimeout,
                clientProperties));
        this.producer = new KafkaTemplate<>(producerFactory);
        this.topic = topic;
        this.sendTimeout = sendTimeout;
    }

    @Override
    public String name() {
        return "kafka";
    }

    @Override
    public void publish(List<StatusEvent> events) {
        List<CompletableFuture<SendResult<String, byte[]>>> sent = new ArrayList<>(events.size());
        for (StatusEvent event : events) {
            sent.add(producer.send(new ProducerRecord<>(topic, event.notificationId().toString(), body(event))));
        }
        producer.flush();
        long deadline = System.nanoTime() + sendTimeout.toNanos();
        try {
            for (CompletableFuture<SendResult<String, byte[]>> one : sent) {
                one.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing status events", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the status topic did not take the events", e);
        }
    }

    /** The record value: what happened to which delivery, never the message or the address. */
    byte[] body(StatusEvent e) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("eventId", e.eventId().toString());
        body.put("tenant", e.tenant().value());
        body.put("notificationId", e.notificationId().toString());
        body.put("deliveryId", e.deliveryId().toString());
        body.put("type", e.type());
        body.put("channel", e.channel().name());
        body.put("status", e.status().name());
        body.put("time", e.at().toString());
        body.put("provider", e.provider());
        body.put("reason", e.reason());
        return json.writeValueAsBytes(body);
    }

    public void close() {
        producerFactory.destroy();
    }

    private static Map<String, Object> producerConfig(String bootstrapServers, Duration sendTimeout,
                                                      Map<String, Object> clientProperties) {
        Map<String, Object> config = new HashMap<>(clientProperties);
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        // A round must end before the relay's lease does: the producer gives up on a record within the timeout.
        int timeout = (int) sendTimeout.toMillis();
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, timeout);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.min(timeout, 30_000));
        config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeout);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        return config;
    }
}
