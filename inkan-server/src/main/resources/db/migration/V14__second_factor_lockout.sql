-- Second-factor brute force (issue 15): consecutive wrong codes per principal, and the lock they cause.
-- failures counts attempts admitted since the last accepted code (an attempt is counted before its code
-- is checked, so concurrent attempts on any node cannot exceed the limit); locked_until is set when the
-- limit is reached; lockouts counts locks since the last accepted code, so each lock lasts twice as long.
ALTER TABLE totp_enrolments ADD COLUMN failures INT DEFAULT 0 NOT NULL;
ALTER TABLE totp_enrolments ADD COLUMN locked_until TIMESTAMP WITH TIME ZONE;
ALTER TABLE totp_enrolments ADD COLUMN lockouts INT DEFAULT 0 NOT NULL;

-- A locked second factor is reported to every administrator, whatever project: such emails name no project.
ALTER TABLE notification_outbox ALTER COLUMN project DROP NOT NULL;
