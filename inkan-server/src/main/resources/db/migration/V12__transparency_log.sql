-- The audit trail becomes a transparency log (decision 016): a Merkle tree over the records (RFC 9162),
-- checkpoints as signed tree heads (C2SP signed notes), promises of inclusion per record, and audit keys
-- that can rotate. Portable between H2 2.x and PostgreSQL 15+.

-- The log's name: the first line of every checkpoint and the key name in every signature line.
CREATE TABLE audit_log (
    id     INT          PRIMARY KEY CHECK (id = 1),
    origin VARCHAR(128) NOT NULL
);

-- Every audit key the log has used; exactly one is current. Only public halves are stored.
CREATE TABLE audit_keys (
    key_id     CHAR(8)      PRIMARY KEY,
    token_name VARCHAR(64)  NOT NULL,
    handle     VARCHAR(64)  NOT NULL,
    algorithm  VARCHAR(32)  NOT NULL,
    public_key BYTEA        NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    retired_at TIMESTAMP WITH TIME ZONE
);

-- Roots of the complete subtrees of two or more leaves (2^level leaves from idx * 2^level), written when a
-- checkpoint extends the tree; leaves are hashed from audit_records.hash. They serve proofs in O(log n).
CREATE TABLE audit_tree (
    level SMALLINT NOT NULL,
    idx   BIGINT   NOT NULL,
    hash  BYTEA    NOT NULL,
    PRIMARY KEY (level, idx)
);

-- A checkpoint's signed note; NULL for the checkpoints signed before this migration (chain checkpoints).
ALTER TABLE audit_checkpoints ADD COLUMN note TEXT;

-- The node's promise of inclusion for each record (a signed note); NULL for records written before.
ALTER TABLE audit_records ADD COLUMN promise VARCHAR(1000);

-- Each node run's Ed25519 receipt key, vouched for by the audit key (a signed note).
CREATE TABLE audit_receipt_keys (
    public_key CHAR(44)      PRIMARY KEY,
    statement  VARCHAR(1000) NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL
);
