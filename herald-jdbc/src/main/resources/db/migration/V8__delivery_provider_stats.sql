-- Sent messages per provider, beside delivery_stats (which has no provider dimension): what billing multiplies by
-- each provider's price. Dated by the delivery's accept day (UTC) like delivery_stats, added to in the same
-- transaction as the SENT outcome it counts, and rebuilt from the delivery rows (sent_at, provider) by the admin
-- rebuild. provider is '' when an outcome named none (its cost falls back to the channel's price).
CREATE TABLE delivery_provider_stats (
    tenant_id   VARCHAR(64)  NOT NULL,
    on_day      DATE         NOT NULL,
    channel     VARCHAR(16)  NOT NULL,
    provider    VARCHAR(64)  NOT NULL,
    sent        BIGINT DEFAULT 0 NOT NULL,
    PRIMARY KEY (tenant_id, on_day, channel, provider)
);
