-- Business-event records from Kafka that could not become notifications, set aside so their partition moves on
-- and listed by the admin API for replay or discard. One row per source record: a record read again after a
-- failed DLQ publication hits the unique key and changes nothing.
CREATE TABLE event_dead_letter (
    id               UUID                     NOT NULL PRIMARY KEY,
    tenant_id        VARCHAR(64)              NOT NULL,
    topic            VARCHAR(249)             NOT NULL,
    source_partition INTEGER                  NOT NULL,
    source_offset    BIGINT                   NOT NULL,
    record_key       BYTEA,
    record_value     BYTEA,
    headers          VARCHAR(100000)          NOT NULL,
    error            VARCHAR(1000)            NOT NULL,
    attempts         INTEGER                  NOT NULL,
    set_aside_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    last_attempt_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT event_dead_letter_source_unique UNIQUE (topic, source_partition, source_offset)
);

CREATE INDEX event_dead_letter_tenant ON event_dead_letter (tenant_id, id);
