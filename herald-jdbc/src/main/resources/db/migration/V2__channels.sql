-- Channels: structured data for webhook and Kakao deliveries, push devices, the in-app inbox and the secret that
-- signs each tenant's inbox tokens.

ALTER TABLE delivery ADD COLUMN data_json VARCHAR(100000);

-- A receipt (read, delivered) that arrives while the send's own outcome is still being written is kept here and
-- applied together with that outcome, so a fast reader never loses it.
ALTER TABLE delivery ADD COLUMN pending_receipt VARCHAR(16);
ALTER TABLE delivery ADD COLUMN pending_receipt_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE delivery ADD COLUMN pending_receipt_detail VARCHAR(1000);

-- A user's own Slack channel (incoming-webhook URL).
ALTER TABLE app_user ADD COLUMN slack VARCHAR(2048);

CREATE TABLE device (
    tenant_id      VARCHAR(64)              NOT NULL,
    token          VARCHAR(512)             NOT NULL,
    user_id        VARCHAR(128)             NOT NULL,
    platform       VARCHAR(8)               NOT NULL,
    registered_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (tenant_id, token)
);
CREATE INDEX device_user ON device (tenant_id, user_id);

CREATE TABLE inbox_message (
    id               UUID                     NOT NULL PRIMARY KEY,
    tenant_id        VARCHAR(64)              NOT NULL,
    user_id          VARCHAR(128)             NOT NULL,
    delivery_id      UUID                     NOT NULL,
    notification_id  UUID                     NOT NULL,
    type             VARCHAR(100)             NOT NULL,
    title            VARCHAR(1000),
    body             VARCHAR(100000),
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    read_at          TIMESTAMP WITH TIME ZONE,
    archived_at      TIMESTAMP WITH TIME ZONE,
    -- A delivery that is sent twice (a lease ran out mid-send) still shows once.
    CONSTRAINT inbox_message_delivery_unique UNIQUE (delivery_id)
);
CREATE INDEX inbox_message_user ON inbox_message (tenant_id, user_id, id);

CREATE TABLE tenant_secret (
    tenant_id   VARCHAR(64)              NOT NULL,
    purpose     VARCHAR(32)              NOT NULL,
    secret      VARCHAR(128)             NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (tenant_id, purpose)
);

-- Webhook endpoints that answered 410 Gone: Herald stops calling them until an operator re-enables them.
CREATE TABLE disabled_endpoint (
    url_hash     CHAR(64)                 NOT NULL PRIMARY KEY,
    url          VARCHAR(2048)            NOT NULL,
    reason       VARCHAR(1000)            NOT NULL,
    disabled_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

-- The dead-letter queue: deliveries that used up their attempts. A row is written with the DEAD outcome and removed
-- when an operator replays or discards the delivery, so listing never scans the delivery table.
CREATE TABLE dead_letter (
    delivery_id      UUID                     NOT NULL PRIMARY KEY,
    tenant_id        VARCHAR(64)              NOT NULL,
    notification_id  UUID                     NOT NULL,
    type             VARCHAR(100)             NOT NULL,
    channel          VARCHAR(16)              NOT NULL,
    lane             VARCHAR(8)               NOT NULL,
    died_at          TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX dead_letter_tenant ON dead_letter (tenant_id, delivery_id);

-- Scheduling and expiry: a delivery not sent by expires_at becomes EXPIRED instead of going out late.
ALTER TABLE delivery ADD COLUMN expires_at TIMESTAMP WITH TIME ZONE;

-- Idempotency: the fingerprint of the request that took a key, to tell a retry from a different request reusing it.
ALTER TABLE notification ADD COLUMN request_hash CHAR(64);

-- Content dedup: who sent this content (tenant, channel, address, text) last, and until when it counts as a repeat.
CREATE TABLE dedup_key (
    tenant_id    VARCHAR(64)              NOT NULL,
    hash         CHAR(64)                 NOT NULL,
    delivery_id  UUID                     NOT NULL,
    expires_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (tenant_id, hash)
);

-- What content dedup saved, per tenant, channel and day: paid channels (SMS, Kakao) are credits not spent.
CREATE TABLE dedup_saving (
    tenant_id   VARCHAR(64) NOT NULL,
    channel     VARCHAR(16) NOT NULL,
    on_day      DATE        NOT NULL,
    suppressed  BIGINT      NOT NULL,
    PRIMARY KEY (tenant_id, channel, on_day)
);
CREATE INDEX dedup_key_expiry ON dedup_key (expires_at);

-- Digest items: their deliveries wait SCHEDULED with due_at NULL (no dispatcher claims them) and are listed here
-- until their window closes; a separate table keeps the hot delivery table free of another index.
CREATE TABLE digest_item (
    delivery_id  UUID                     NOT NULL PRIMARY KEY,
    tenant_id    VARCHAR(64)              NOT NULL,
    digest_key   VARCHAR(4400)            NOT NULL,
    due_at       TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX digest_item_due ON digest_item (due_at);
