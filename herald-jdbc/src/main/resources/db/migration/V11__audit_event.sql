-- The audit log: every change made through the API, written in the same transaction as the change. key_id is the
-- API key's id (never the key; NULL for the installation's own changes), action a stable dotted name
-- (AuditAction), target and summary name what changed without secrets, addresses or message content. No foreign
-- key to tenant: entries outlive what they describe, and must not stop an empty tenant from being deleted.
CREATE TABLE audit_event (
    id           UUID                     NOT NULL PRIMARY KEY,
    tenant_id    VARCHAR(64)              NOT NULL,
    occurred_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    key_id       UUID,
    action       VARCHAR(64)              NOT NULL,
    target       VARCHAR(300)             NOT NULL,
    summary      VARCHAR(1000)            NOT NULL
);

-- A tenant's entries newest first, between two instants (the API's paging); the id breaks ties within an instant.
CREATE INDEX audit_event_tenant_at ON audit_event (tenant_id, occurred_at, id);
-- Every tenant's entries (the operator's view) and pruning by age.
CREATE INDEX audit_event_at ON audit_event (occurred_at, id);
