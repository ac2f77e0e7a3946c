-- Least privilege for Inkan on PostgreSQL: the application role may append to the audit trail and read
-- it, but never change or delete a record or checkpoint (L4). Run it as the schema owner after Flyway
-- has migrated the schema (e.g. start the server once with the owner role, or run Flyway as the owner
-- via spring.flyway.user/password), then run the server as the application role:
--
--   psql -v app_role=inkan_app -d inkan -f scripts/postgres-audit-grants.sql
--
-- Re-run it after every upgrade that adds tables.

-- Everything outside the audit trail: ordinary read and write.
GRANT USAGE ON SCHEMA public TO :"app_role";
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO :"app_role";
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO :"app_role";

-- The trail: append and read only. The chain head is the one row appends lock and move forward.
REVOKE ALL ON audit_records, audit_checkpoints, audit_key FROM :"app_role";
GRANT SELECT, INSERT ON audit_records, audit_checkpoints, audit_key TO :"app_role";
REVOKE ALL ON audit_head FROM :"app_role";
GRANT SELECT, UPDATE ON audit_head TO :"app_role";

-- The TSA key's reference and certificate (decision 012): written once on first start, never changed.
REVOKE ALL ON tsa_key FROM :"app_role";
GRANT SELECT, INSERT ON tsa_key TO :"app_role";

-- Flyway's history is the owner's business.
REVOKE ALL ON flyway_schema_history FROM :"app_role";
GRANT SELECT ON flyway_schema_history TO :"app_role";
