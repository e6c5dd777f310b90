-- Workflows: a type may send through steps (send, wait until read, send unless read, delay, digest) instead of on
-- its channels at once. The steps as written, JSON; null for a type without steps.
ALTER TABLE notification_type ADD COLUMN steps_json VARCHAR(20000);

-- One row per step of a notification's run: its timeline and its timer. Only a DUE step has a due_at; a worker takes
-- it (FOR UPDATE SKIP LOCKED), runs it and starts the next step in one transaction, so a step runs exactly once.
CREATE TABLE workflow_step (
    tenant_id        VARCHAR(64)              NOT NULL,
    notification_id  UUID                     NOT NULL REFERENCES notification (id),
    step_index       INTEGER                  NOT NULL,
    kind             VARCHAR(8)               NOT NULL,
    channel          VARCHAR(16),
    duration_seconds BIGINT,
    until_read       BOOLEAN                  NOT NULL,
    unless_read      BOOLEAN                  NOT NULL,
    if_critical      BOOLEAN,
    state            VARCHAR(16)              NOT NULL,
    due_at           TIMESTAMP WITH TIME ZONE,
    outcome          VARCHAR(300),
    done_at          TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (notification_id, step_index)
);
CREATE INDEX workflow_step_due ON workflow_step (due_at);

-- Deliveries planned at intake but held (SCHEDULED, no due time) until their step is reached, and not before
-- not_before (the end of quiet hours as planned).
CREATE TABLE workflow_hold (
    delivery_id      UUID                     NOT NULL PRIMARY KEY REFERENCES delivery (id),
    tenant_id        VARCHAR(64)              NOT NULL,
    notification_id  UUID                     NOT NULL,
    step_index       INTEGER                  NOT NULL,
    not_before       TIMESTAMP WITH TIME ZONE
);
CREATE INDEX workflow_hold_step ON workflow_hold (notification_id, step_index);
