-- Notification types: each tenant's routing rules (default channels, priority, recipients of business events, ...).
CREATE TABLE notification_type (
    tenant_id         VARCHAR(64)              NOT NULL,
    name              VARCHAR(100)             NOT NULL,
    channels          VARCHAR(200)             NOT NULL,
    every_channel     BOOLEAN                  NOT NULL,
    priority          VARCHAR(8)               NOT NULL,
    critical          BOOLEAN                  NOT NULL,
    recipient_fields  VARCHAR(1000)            NOT NULL,
    fixed_recipients  VARCHAR(20000),
    expiry_seconds    BIGINT,
    dedup_seconds     BIGINT,
    updated_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (tenant_id, name)
);
