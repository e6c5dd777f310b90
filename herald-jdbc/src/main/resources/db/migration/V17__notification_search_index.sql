-- Searching a tenant's notifications across users (console and GET /api/v1/notifications) lists them newest first
-- and pages by (created_at, id): this index gives that order for one tenant and bounds a from/to range, so a page
-- reads only its own rows. Type is checked on the rows it walks; user, status and channel are checked by EXISTS on
-- delivery through delivery_notification (and delivery_user). The notification row is written once at intake and
-- never moves, so the index costs one insert per notification and nothing on the send path.
CREATE INDEX notification_recent ON notification (tenant_id, created_at, id);
