package dev.herald.kafka;

import dev.herald.core.model.TenantId;

import java.util.Map;

/**
 * How the records of one topic become business events ({@code herald.kafka.events.bindings[i]}). A topic either
 * carries one notification type ({@code type}) or names it in a field of each record ({@code typeField}, with
 * {@code typeMap} translating a producer's names such as {@code PAYMENT_COMPLETED} into Herald's
 * {@code payment.completed}). CloudEvents records carry their own id and type, so only the map applies to them.
 *
 * @param dataField the field holding the event's data; null means the whole record is the data
 */
public record EventBinding(String topic, String type, String typeField, Map<String, String> typeMap,
                           String eventIdField, String dataField, Format format, TenantId tenant) {

    public enum Format { JSON, CLOUDEVENTS }

    public EventBinding {
        typeMap = typeMap == null ? Map.of() : Map.copyOf(typeMap);
        eventIdField = eventIdField == null || eventIdField.isBlank() ? "eventId" : eventIdField;
        format = format == null ? Format.JSON : format;
        tenant = tenant == null ? TenantId.defaultTenant() : tenant;
    }

    /** Herald's type name for the producer's name: mapped when the binding maps it, else taken as it is. */
    String heraldType(String producerType) {
        return typeMap.getOrDefault(producerType, producerType);
    }
}
