-- Console sessions signed out before they expired. Sessions are signed tokens that any node checks on its own; a
-- row here refuses one on every node. Keyed by a SHA-256 of the session's nonce, never the token (a row read from a
-- backup signs nobody in). A row is needed only until the session would have expired anyway, so each sign-out
-- deletes the rows whose expires_at has passed.
CREATE TABLE console_session_revocation (
    tenant_id      VARCHAR(64)              NOT NULL,
    session_hash   VARCHAR(64)              NOT NULL,
    expires_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    signed_out_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (session_hash)
);

CREATE INDEX console_session_revocation_expiry ON console_session_revocation (expires_at);
