package dev.herald.kafka;

import dev.herald.core.intake.BusinessEvent;
import dev.herald.core.model.TenantId;

/**
 * Where a read event goes: the same intake as {@code POST /api/v1/events}. It returns only once the intake
 * transaction has committed, which is what lets the consumer commit the record's offset afterwards.
 */
@FunctionalInterface
public interface EventSink {
    /**
     * @throws dev.herald.core.request.InvalidRequestException when the event breaks a rule (poison)
     */
    void accept(TenantId tenant, BusinessEvent event);
}
