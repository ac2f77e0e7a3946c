-- Notifications are no longer only about signing requests: a certificate entering the expiry horizon
-- (K9) is announced to the project's custodians and webhooks too, and has no request.
ALTER TABLE notification_outbox ALTER COLUMN request_id DROP NOT NULL;
