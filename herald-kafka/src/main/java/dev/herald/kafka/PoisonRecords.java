package dev.herald.kafka;

/**
 * Where poison records are set aside besides the DLQ topic (the events dead-letter table behind the admin API).
 * Recording must be idempotent by topic, partition and offset: a record whose DLQ publication failed is read again.
 */
@FunctionalInterface
public interface PoisonRecords {
    void setAside(SetAsideRecord record);
}
