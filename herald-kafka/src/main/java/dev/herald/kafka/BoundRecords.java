package dev.herald.kafka;

import dev.herald.core.intake.BusinessEvent;
import dev.herald.core.model.TenantId;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The configured bindings by topic, and how a record of a bound topic reads as a tenant's event. */
public final class BoundRecords {
    /** A record read under its topic's binding. */
    public record Read(TenantId tenant, BusinessEvent event) {
    }

    private final Map<String, EventBinding> byTopic = new LinkedHashMap<>();
    private final Map<EventBinding.Format, RecordReader> readers = new EnumMap<>(EventBinding.Format.class);

    public BoundRecords(List<EventBinding> bindings) {
        for (EventBinding binding : bindings) {
            if (byTopic.putIfAbsent(binding.topic(), binding) != null) {
                throw new IllegalArgumentException("topic " + binding.topic() + " is bound twice");
            }
        }
        JsonObjects json = new JsonObjects();
        for (EventBinding.Format format : EventBinding.Format.values()) {
            readers.put(format, RecordReader.of(format, json));
        }
    }

    public List<String> topics() {
        return List.copyOf(byTopic.keySet());
    }

    public Optional<EventBinding> binding(String topic) {
        return Optional.ofNullable(byTopic.get(topic));
    }

    /** @throws PoisonRecordException when the topic is not bound or the record cannot be an event */
    public Read read(ConsumerRecord<byte[], byte[]> record) {
        EventBinding binding = binding(record.topic())
                .orElseThrow(() -> new PoisonRecordException("topic " + record.topic() + " has no binding"));
        return new Read(binding.tenant(), readers.get(binding.format()).read(record, binding));
    }
}
