-- The dashboard's list of recent FAILED and DEAD deliveries per tenant, written in the same transaction as the change
-- that fails a delivery (intake, an outcome, a receipt). A table of its own rather than an index on delivery
-- (tenant_id, status, updated_at): status and updated_at change on every claim and outcome, so such an index would
-- be rewritten on the hot path (and end PostgreSQL's HOT updates of delivery rows) to serve a rarely read list.
-- Rows are history: housekeeping forgets them after 30 days (RecentFailures.forgetBefore).
CREATE TABLE recent_failure (
    id               UUID                     NOT NULL PRIMARY KEY,
    tenant_id        VARCHAR(64)              NOT NULL,
    delivery_id      UUID                     NOT NULL,
    notification_id  UUID                     NOT NULL,
    user_id          VARCHAR(128),
    channel          VARCHAR(16)              NOT NULL,
    type             VARCHAR(100)             NOT NULL,
    provider         VARCHAR(64),
    status           VARCHAR(16)              NOT NULL,
    reason           VARCHAR(1000),
    attempts         INTEGER                  NOT NULL,
    failed_at        TIMESTAMP WITH TIME ZONE NOT NULL
);
-- Ids are UUIDv7 taken when the failure is written, so (tenant_id, id) lists a tenant's newest first and pages.
CREATE INDEX recent_failure_tenant ON recent_failure (tenant_id, id);
CREATE INDEX recent_failure_age ON recent_failure (failed_at);
