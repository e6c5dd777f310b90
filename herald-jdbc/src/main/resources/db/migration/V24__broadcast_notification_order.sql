-- A broadcast's notifications in id order (ids are time-ordered): a progress read walks them in slices and reuses the
-- counts of slices whose deliveries were all final, instead of reading every delivery of a large broadcast each time.
-- Written with the links in the chunk's transaction (one index entry per subscriber), nothing on the send path.
CREATE INDEX broadcast_notification_order ON broadcast_notification (broadcast_id, notification_id);
