-- Signing policies carry a configuration seal like profiles and role bindings (M7, decision 008):
-- a policy loosened in the database behind the service's back is refused when it is loaded.
-- Rows written before this migration are sealed once at the next start (SealedTable.adoptUnsealed).
ALTER TABLE signing_policies ADD COLUMN seal BYTEA;
