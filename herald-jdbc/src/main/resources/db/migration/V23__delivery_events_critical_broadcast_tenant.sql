-- 1. Provider events that change no status (a complaint) are kept in the delivery's history: such a row names its
--    event and repeats the status the delivery had. Rows with an event are not status changes, so nothing counts
--    them (the stats rebuild, the workflow's "first READ") and no status event is published for them.
ALTER TABLE delivery_status ADD COLUMN event VARCHAR(20);

-- 2. Every table has tenant_id: broadcast_notification takes its broadcast's.
ALTER TABLE broadcast_notification ADD COLUMN tenant_id VARCHAR(64);
UPDATE broadcast_notification SET tenant_id =
    (SELECT b.tenant_id FROM broadcast b WHERE b.id = broadcast_notification.broadcast_id);
-- A row whose broadcast is gone could be reached by nothing (no tenant owns it).
DELETE FROM broadcast_notification WHERE tenant_id IS NULL;
ALTER TABLE broadcast_notification ALTER COLUMN tenant_id SET NOT NULL;

-- 3. Whether the notification's type was critical when it was accepted: the one meaning of "critical" (exempt from
--    per-type choices and quiet hours, what a workflow's {"critical": ...} condition asks), apart from the lane a
--    caller may ask for. Until now workflows and the send-time re-check judged by the CRITICAL lane, and a critical
--    type always travels on it, so rows accepted before keep what they had where their type is still critical.
ALTER TABLE notification ADD COLUMN critical BOOLEAN DEFAULT FALSE NOT NULL;
UPDATE notification SET critical = TRUE
WHERE priority = 'CRITICAL'
  AND EXISTS (SELECT 1 FROM notification_type t
              WHERE t.tenant_id = notification.tenant_id AND t.name = notification.type AND t.critical = TRUE);
