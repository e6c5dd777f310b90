-- Providers a tenant brought itself (its SMTP relay, its Twilio account). settings_json holds only the settings
-- that are not secret; the secret ones are sealed with AES-GCM (secrets_ciphertext, base64 of nonce and
-- ciphertext) under the key named by key_id, with the tenant and the name as associated data, so a row copied to
-- another tenant or name does not open. version grows with every write: a node rebuilds its chain when it moves.
CREATE TABLE integration (
    tenant_id           VARCHAR(64)              NOT NULL,
    name                VARCHAR(64)              NOT NULL,
    kind                VARCHAR(32)              NOT NULL,
    channels            VARCHAR(200)             NOT NULL,
    chain_order         INTEGER                  NOT NULL,
    settings_json       VARCHAR(20000)           NOT NULL,
    secrets_ciphertext  VARCHAR(20000),
    key_id              VARCHAR(64),
    version             BIGINT                   NOT NULL,
    updated_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (tenant_id, name)
);

CREATE INDEX integration_key ON integration (key_id);
