-- Webhooks may opt in to receive every signed audit checkpoint (decision 016), a witness outside the database.
ALTER TABLE webhooks ADD COLUMN audit_checkpoints BOOLEAN DEFAULT FALSE NOT NULL;
