package dev.herald.server.config;

import dev.herald.core.model.TenantId;
import dev.herald.core.types.TypeName;
import dev.herald.kafka.EventBinding;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Business events from Kafka ({@code herald.kafka.*}): the brokers, and how each topic's records become events.
 * Without {@code bootstrap-servers} nothing reads Kafka; the bindings still let the admin API replay set-aside
 * records on any node.
 *
 * @param client extra Kafka client settings (security.protocol, sasl.*), passed to the consumer and producer
 */
@ConfigurationProperties("herald.kafka")
public record KafkaEventsProperties(String bootstrapServers, @DefaultValue Events events,
                                    @DefaultValue Map<String, String> client) {

    public KafkaEventsProperties {
        client = Map.copyOf(client);
    }

    /**
     * @param enabled    whether this node consumes (a node may keep the settings for replay and not consume)
     * @param maxBackOff the longest pause between retries of a record that failed for a transient reason
     * @param metricsRefresh how often the consumers' metrics are looked for again (a new partition's lag appears
     *                       in the metrics only after that)
     */
    public record Events(@DefaultValue List<Binding> bindings, @DefaultValue("herald-events") String groupId,
                         @DefaultValue("herald.events.dlq") String dlqTopic, @DefaultValue("1") int concurrency,
                         @DefaultValue("30s") Duration maxBackOff, @DefaultValue("true") boolean enabled,
                         @DefaultValue("10s") Duration metricsRefresh) {
        public Events {
            bindings = List.copyOf(bindings);
        }
    }

    /** One topic: see {@link EventBinding}. */
    public record Binding(String topic, String type, String typeField, @DefaultValue Map<String, String> typeMap,
                          String eventIdField, String dataField, @DefaultValue("json") EventBinding.Format format,
                          String tenant) {
    }

    public boolean consumes() {
        return bootstrapServers != null && !bootstrapServers.isBlank() && events.enabled();
    }

    /** The bindings, checked as start-up checks configuration: the first mistake names its key and the fix. */
    public List<EventBinding> bindings() {
        List<EventBinding> bindings = new ArrayList<>();
        for (int i = 0; i < events.bindings().size(); i++) {
            Binding b = events.bindings().get(i);
            String key = "herald.kafka.events.bindings[" + i + "].";
            if (b.topic() == null || b.topic().isBlank()) {
                throw new StartupProblem(key + "topic is missing.", "Name the Kafka topic this binding reads.");
            }
            if (b.type() != null && !TypeName.isValid(b.type())) {
                throw new StartupProblem(key + "type is not a notification type name.",
                        "Use a type like order.shipped, or remove it and set type-field.");
            }
            if (b.format() == EventBinding.Format.JSON && b.type() == null
                    && (b.typeField() == null || b.typeField().isBlank())) {
                throw new StartupProblem(key.substring(0, key.length() - 1) + " names neither type nor type-field.",
                        "Set type (every record of the topic is that type) or type-field (the record's field "
                                + "naming its type).");
            }
            for (var mapped : b.typeMap().entrySet()) {
                if (!TypeName.isValid(mapped.getValue())) {
                    throw new StartupProblem(key + "type-map." + mapped.getKey() + " is not a notification type name.",
                            "Map the producer's name to a Herald type like payment.completed.");
                }
            }
            TenantId tenant;
            try {
                tenant = b.tenant() == null ? TenantId.defaultTenant() : new TenantId(b.tenant());
            } catch (IllegalArgumentException e) {
                throw new StartupProblem(key + "tenant is not a tenant id.", "Use 1 to 64 characters.");
            }
            bindings.add(new EventBinding(b.topic(), b.type(), b.typeField(), b.typeMap(), b.eventIdField(),
                    b.dataField(), b.format(), tenant));
        }
        return bindings;
    }
}
