-- Key rows (with their state) and API tokens (with their role and project) carry a configuration seal
-- like profiles, policies and role bindings (M7, decision 008): a key re-activated, moved or re-pointed
-- in the database, or a token given another role or project, is refused when it is loaded.
ALTER TABLE signing_keys ADD COLUMN seal BYTEA;
ALTER TABLE api_tokens ADD COLUMN seal BYTEA;

-- Sealed tables whose existing rows the next start seals once, as they are (SealedTable.adoptUnsealed):
-- an installation upgraded with a configuration seal key already in place. Each row is removed by the
-- node that adopts the table, in the same transaction, so adoption happens exactly once.
CREATE TABLE configuration_seal_adoptions (
    table_name VARCHAR(64) PRIMARY KEY
);
INSERT INTO configuration_seal_adoptions (table_name) VALUES ('signing_keys');
INSERT INTO configuration_seal_adoptions (table_name) VALUES ('api_tokens');
