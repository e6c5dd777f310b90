-- The read model of deliveries (CQRS): counters per tenant, accept day (UTC), channel and type, added to in the same
-- transaction as the status change they count, so the dashboard never scans the delivery table. Every counter is a
-- sum, and so is the accept->sent latency histogram (one column per fixed bucket, bounds in LatencyHistogram), so
-- rows merge across days and channels by adding.
CREATE TABLE delivery_stats (
    tenant_id          VARCHAR(64)  NOT NULL,
    on_day             DATE         NOT NULL,
    channel            VARCHAR(16)  NOT NULL,
    type               VARCHAR(100) NOT NULL,
    accepted           BIGINT DEFAULT 0 NOT NULL,
    sent               BIGINT DEFAULT 0 NOT NULL,
    delivered          BIGINT DEFAULT 0 NOT NULL,
    read_count         BIGINT DEFAULT 0 NOT NULL,
    failed             BIGINT DEFAULT 0 NOT NULL,
    dead               BIGINT DEFAULT 0 NOT NULL,
    suppressed         BIGINT DEFAULT 0 NOT NULL,
    suppressed_dedup   BIGINT DEFAULT 0 NOT NULL,
    expired            BIGINT DEFAULT 0 NOT NULL,
    cancelled          BIGINT DEFAULT 0 NOT NULL,
    latency_0          BIGINT DEFAULT 0 NOT NULL,
    latency_1          BIGINT DEFAULT 0 NOT NULL,
    latency_2          BIGINT DEFAULT 0 NOT NULL,
    latency_3          BIGINT DEFAULT 0 NOT NULL,
    latency_4          BIGINT DEFAULT 0 NOT NULL,
    latency_5          BIGINT DEFAULT 0 NOT NULL,
    latency_6          BIGINT DEFAULT 0 NOT NULL,
    latency_7          BIGINT DEFAULT 0 NOT NULL,
    latency_8          BIGINT DEFAULT 0 NOT NULL,
    latency_9          BIGINT DEFAULT 0 NOT NULL,
    latency_10         BIGINT DEFAULT 0 NOT NULL,
    PRIMARY KEY (tenant_id, on_day, channel, type)
);
