-- Fault isolation for the background runners: a workflow step or a broadcast whose round fails every time (a row
-- that cannot be read, a write that is always refused) is tried again after a growing pause and set aside after its
-- last attempt, so it no longer stands first in every round. A workflow step's next try is its due_at, and why it
-- waits is its outcome; a broadcast's next try is retry_at (the claim passes it over until then), and why it was set
-- aside is its stop_reason. Reasons are kinds of failure, never an exception's message.
ALTER TABLE workflow_step ADD COLUMN attempts INTEGER DEFAULT 0 NOT NULL;
ALTER TABLE broadcast ADD COLUMN attempts INTEGER DEFAULT 0 NOT NULL;
ALTER TABLE broadcast ADD COLUMN retry_at TIMESTAMP WITH TIME ZONE;
