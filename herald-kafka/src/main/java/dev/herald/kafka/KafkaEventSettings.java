package dev.herald.kafka;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What the event consumer needs: the brokers, the bindings, and where poison records go.
 *
 * @param clientProperties extra Kafka client settings (security, SASL) passed to the consumer and producer as given
 * @param maxBackOff       the longest pause between retries of a transiently failing record
 */
public record KafkaEventSettings(String bootstrapServers, String groupId, List<EventBinding> bindings,
                                 String dlqTopic, int concurrency, Duration maxBackOff, Duration shutdownTimeout,
                                 Map<String, Object> clientProperties) {
    public KafkaEventSettings {
        bindings = List.copyOf(bindings);
        clientProperties = Map.copyOf(clientProperties);
        if (bindings.isEmpty()) {
            throw new IllegalArgumentException("no topic bindings");
        }
    }
}
