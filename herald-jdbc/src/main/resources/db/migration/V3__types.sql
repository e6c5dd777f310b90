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

-- Templates per type x channel x locale, versioned: writing adds a version and makes it active; rollback
-- re-activates an earlier one.
CREATE TABLE template_version (
    tenant_id   VARCHAR(64)              NOT NULL,
    type        VARCHAR(100)             NOT NULL,
    channel     VARCHAR(16)              NOT NULL,
    locale      VARCHAR(35)              NOT NULL,
    version     INTEGER                  NOT NULL,
    subject     VARCHAR(1000),
    body_text   VARCHAR(20000),
    body_html   VARCHAR(100000),
    active      BOOLEAN                  NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (tenant_id, type, channel, locale, version)
);

-- Users' preferences: channels opted out of, channels per type (JSON), quiet hours.
CREATE TABLE user_preference (
    tenant_id         VARCHAR(64)              NOT NULL,
    user_id           VARCHAR(128)             NOT NULL,
    opted_out         VARCHAR(200)             NOT NULL,
    channels_by_type  VARCHAR(20000),
    quiet_start       VARCHAR(5),
    quiet_end         VARCHAR(5),
    quiet_zone        VARCHAR(64),
    updated_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (tenant_id, user_id)
);
