-- The caller's W3C trace context (traceparent, version-00 form: 55 characters), kept with the notification so every
-- delivery's send can pass the trace on (webhooks: the traceparent header). NULL when the caller sent none.
ALTER TABLE notification ADD COLUMN traceparent VARCHAR(55);
