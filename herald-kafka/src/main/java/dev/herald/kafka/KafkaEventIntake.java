package dev.herald.kafka;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Consumes the bound topics and turns each record into a business event. Offsets are committed only after the
 * records before them went through the intake (at-least-once; a record read twice finds its event id already
 * used and changes nothing), partition by partition in order. Poison records go to the events DLQ; transient
 * failures retry the same record with back-off, without limit, so a database outage pauses intake and skips nothing.
 */
public final class KafkaEventIntake {
    private final ConcurrentMessageListenerContainer<byte[], byte[]> container;
    private final DefaultKafkaProducerFactory<byte[], byte[]> producerFactory;

    /**
     * @param poisonCounter called once per record set aside (a metric)
     * @param consumerFactoryCustomizer lets the caller attach consumer metrics (Micrometer's lag gauges)
     */
    public KafkaEventIntake(KafkaEventSettings settings, EventSink sink, PoisonRecords poisonRecords,
                            Runnable poisonCounter,
                            Consumer<DefaultKafkaConsumerFactory<byte[], byte[]>> consumerFactoryCustomizer) {
        BoundRecords records = new BoundRecords(settings.bindings());
        this.producerFactory = new DefaultKafkaProducerFactory<>(producerConfig(settings));
        KafkaTemplate<byte[], byte[]> producer = new KafkaTemplate<>(producerFactory);

        DefaultKafkaConsumerFactory<byte[], byte[]> consumers = new DefaultKafkaConsumerFactory<>(consumerConfig(settings));
        consumerFactoryCustomizer.accept(consumers);
        ContainerProperties properties = new ContainerProperties(records.topics().toArray(String[]::new));
        properties.setAckMode(ContainerProperties.AckMode.BATCH);
        properties.setMessageListener(new EventRecordListener(records, sink));
        properties.setShutdownTimeout(settings.shutdownTimeout().toMillis());
        this.container = new ConcurrentMessageListenerContainer<>(consumers, properties);
        container.setConcurrency(settings.concurrency());
        container.setBeanName("herald-kafka-events");
        DefaultErrorHandler errors = new DefaultErrorHandler(
                new EventsDeadLetterTopic(producer, settings.dlqTopic(), records, poisonRecords, poisonCounter),
                transientBackOff(settings.maxBackOff()));
        errors.addNotRetryableExceptions(PoisonRecordException.class);
        errors.setCommitRecovered(true);
        container.setCommonErrorHandler(errors);
    }

    public void start() {
        container.start();
    }

    public void stop() {
        container.stop();
        producerFactory.destroy();
    }

    public boolean isRunning() {
        return container.isRunning();
    }

    /** The topics this node reads. */
    public List<String> topics() {
        return List.of(container.getContainerProperties().getTopics());
    }

    /** Retries without end: a transient failure must never turn into a skipped record. */
    private static ExponentialBackOff transientBackOff(Duration max) {
        ExponentialBackOff backOff = new ExponentialBackOff(200, 2.0);
        backOff.setMaxInterval(max.toMillis());
        backOff.setMaxElapsedTime(Long.MAX_VALUE);
        return backOff;
    }

    private static Map<String, Object> consumerConfig(KafkaEventSettings settings) {
        Map<String, Object> config = new HashMap<>(settings.clientProperties());
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, settings.groupId());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.putIfAbsent(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 200);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        return config;
    }

    private static Map<String, Object> producerConfig(KafkaEventSettings settings) {
        Map<String, Object> config = new HashMap<>(settings.clientProperties());
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        return config;
    }
}
