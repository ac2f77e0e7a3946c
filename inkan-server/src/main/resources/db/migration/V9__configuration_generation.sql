-- The configuration generation (decision 013): a counter moved by every audit record that may describe
-- a configuration change (tokens, principals, role bindings, projects, keys, profiles...). Such changes
-- append their record in their own transaction, so the head carries the counter with no extra write;
-- nodes read it once per request and trust their cached configuration rows only while it is unchanged.
-- Whoever edits those tables by hand moves it too: UPDATE audit_head SET config_generation = config_generation + 1.
ALTER TABLE audit_head ADD COLUMN config_generation BIGINT DEFAULT 0 NOT NULL;
