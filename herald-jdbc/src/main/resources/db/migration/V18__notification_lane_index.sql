-- The overview's accept->sent p50/p95 per lane samples each lane's most recent notifications accepted today (a
-- notification's priority is its deliveries' lane) and reads their sent deliveries through delivery_notification.
-- Indexing the insert-once notification row keeps the send path untouched: an index on delivery (lane, sent_at)
-- would be written by every SENT outcome.
CREATE INDEX notification_lane_recent ON notification (tenant_id, priority, created_at);
