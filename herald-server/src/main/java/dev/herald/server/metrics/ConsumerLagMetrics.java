package dev.herald.server.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import org.apache.kafka.clients.consumer.Consumer;
import org.springframework.kafka.core.ConsumerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Exports each event consumer's Kafka client metrics, among them the lag per topic and partition
 * ({@code kafka_consumer_fetch_manager_records_lag}) that autoscaling reads. The client creates a partition's
 * metrics only once it fetches from it, so they are looked for again every {@code refresh}, not Micrometer's
 * default minute, which would leave a new partition's lag invisible to a scaler for that long.
 */
public final class ConsumerLagMetrics implements ConsumerFactory.Listener<byte[], byte[]>, AutoCloseable {
    private final MeterRegistry registry;
    private final Duration refresh;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "herald-kafka-metrics");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<String, KafkaClientMetrics> bound = new ConcurrentHashMap<>();

    public ConsumerLagMetrics(MeterRegistry registry, Duration refresh) {
        this.registry = registry;
        this.refresh = refresh;
    }

    @Override
    public void consumerAdded(String id, Consumer<byte[], byte[]> consumer) {
        KafkaClientMetrics metrics = new KafkaClientMetrics(consumer, List.of(Tag.of("consumer", id)), scheduler,
                refresh);
        metrics.bindTo(registry);
        KafkaClientMetrics earlier = bound.put(id, metrics);
        if (earlier != null) {
            earlier.close();
        }
    }

    @Override
    public void consumerRemoved(String id, Consumer<byte[], byte[]> consumer) {
        KafkaClientMetrics metrics = bound.remove(id);
        if (metrics != null) {
            metrics.close();
        }
    }

    @Override
    public void close() {
        bound.values().forEach(KafkaClientMetrics::close);
        bound.clear();
        scheduler.shutdownNow();
    }
}
