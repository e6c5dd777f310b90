package dev.herald.kafka;

import dev.herald.core.model.TenantId;

/**
 * A poison record as it is set aside: where it came from, why it was refused and how often Herald has tried it.
 * The value is kept as it arrived so an operator can replay it once the cause (an unknown type, say) is fixed.
 */
public record SetAsideRecord(TenantId tenant, String topic, int partition, long offset, byte[] key, byte[] value,
                             java.util.Map<String, byte[]> headers, String error, int attempts) {
}
