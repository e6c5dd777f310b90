-- Signing keys replace tenant_secret: a purpose may have several keys, numbered from 1, so a key that may have leaked
-- can be replaced. The newest signs; every key not retired verifies (what it signs carries its number), so links
-- already in inboxes keep working after a rotation until their key is retired. Existing secrets become key 1, which
-- is also the key of tokens signed before key numbers existed.
CREATE TABLE tenant_signing_key (
    tenant_id   VARCHAR(64)              NOT NULL,
    purpose     VARCHAR(32)              NOT NULL,
    key_id      INTEGER                  NOT NULL,
    secret      VARCHAR(128)             NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    retired_at  TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (tenant_id, purpose, key_id)
);

INSERT INTO tenant_signing_key (tenant_id, purpose, key_id, secret, created_at, retired_at)
SELECT tenant_id, purpose, 1, secret, created_at, NULL FROM tenant_secret;

DROP TABLE tenant_secret;
