-- Each tenant's settings for provider events set through the API (README "Provider events"): SES's SNS topic ARNs
-- or SendGrid's verification key, one row per tenant and provider. settings holds the values one per line (ARNs and
-- base64 have no line breaks; the API checks both before a write). The callbacks read a row first and fall back to
-- herald.inbound.tenants.<id> in configuration when there is none.
CREATE TABLE tenant_inbound (
    tenant_id   VARCHAR(64)              NOT NULL,
    provider    VARCHAR(16)              NOT NULL,
    settings    VARCHAR(8000)            NOT NULL,
    updated_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (tenant_id, provider)
);
