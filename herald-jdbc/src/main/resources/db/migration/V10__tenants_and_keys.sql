-- Tenants and access: a tenant can be suspended; an API key can expire and be revoked, shows a recognisable prefix,
-- says where it came from (ISSUED through the API, GENERATED at first start, CONFIGURED as herald.admin-key, so a
-- changed herald.admin-key can revoke the previous one) and when it was last used (written in batches).
ALTER TABLE tenant ADD COLUMN suspended BOOLEAN DEFAULT FALSE NOT NULL;

ALTER TABLE api_key ADD COLUMN prefix VARCHAR(16);
ALTER TABLE api_key ADD COLUMN origin VARCHAR(16) DEFAULT 'ISSUED' NOT NULL;
ALTER TABLE api_key ADD COLUMN expires_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE api_key ADD COLUMN revoked_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE api_key ADD COLUMN last_used_at TIMESTAMP WITH TIME ZONE;
CREATE INDEX api_key_tenant ON api_key (tenant_id, created_at);

-- The keys the start-up made before keys had an origin (AdminKeyBootstrap named them so).
UPDATE api_key SET origin = 'CONFIGURED' WHERE tenant_id = 'default' AND name = 'configured admin';
UPDATE api_key SET origin = 'GENERATED' WHERE tenant_id = 'default' AND name = 'admin';

-- One row, moved on by every revocation, tenant suspension or removal: each node reads it at most once a second
-- and drops the keys it cached when it moved, so a revoked key is refused everywhere within a second.
CREATE TABLE access_version (
    id       INTEGER NOT NULL PRIMARY KEY,
    version  BIGINT  NOT NULL
);
INSERT INTO access_version (id, version) VALUES (1, 0);
