-- Each tenant's suppression list: addresses planning does not send to (hard bounces, complaints, invalid numbers,
-- entries added through the API). Keyed by the normalised address first, so planning's one batched lookup
-- (tenant_id = ? AND address IN (...)) is an index probe per address; the kind completes the key because the same
-- text could in theory be two kinds. Listing pages newest first by id (time-ordered, the API's cursor).
CREATE TABLE suppression (
    id             UUID                     NOT NULL,
    tenant_id      VARCHAR(64)              NOT NULL,
    address        VARCHAR(4096)            NOT NULL,
    address_kind   VARCHAR(16)              NOT NULL,
    reason         VARCHAR(32)              NOT NULL,
    source         VARCHAR(16)              NOT NULL,
    delivery_id    UUID,
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (tenant_id, address, address_kind)
);

CREATE INDEX suppression_recent ON suppression (tenant_id, id);

-- Provider events (SES via SNS, SendGrid) name the message by the id the provider returned at the send (for SMTP,
-- the Message-ID header), stored in delivery.provider_message_id. Without an index each event would scan the
-- delivery table; with it, each SENT outcome writes one more index entry (the price, measured in BENCHMARKS).
CREATE INDEX delivery_provider_message ON delivery (provider_message_id);
