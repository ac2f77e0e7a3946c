-- The hash-chained audit trail (L1-L4) replaces the plain security_events table.
-- Portable between H2 2.x and PostgreSQL 15+.

DROP TABLE security_events;

-- One row per event. hash = SHA-256 over the canonical JSON of every other column (see
-- io.inkan.client.audit.AuditChain); prev_hash chains each record to the one before it. seq is
-- assigned under the lock of audit_head, so it has no gaps. data holds structured facts without a
-- length limit (every digest of a signed batch); detail is the readable sentence, at most 2000 chars.
CREATE TABLE audit_records (
    seq         BIGINT        PRIMARY KEY,
    occurred_at TIMESTAMP WITH TIME ZONE NOT NULL,
    principal   VARCHAR(256),
    source      VARCHAR(64),
    action      VARCHAR(64)   NOT NULL,
    outcome     VARCHAR(16)   NOT NULL,
    project     VARCHAR(64),
    detail      VARCHAR(2000),
    data        TEXT,
    prev_hash   CHAR(64)      NOT NULL,
    hash        CHAR(64)      NOT NULL
);

CREATE INDEX ix_audit_records_time ON audit_records (occurred_at);
CREATE INDEX ix_audit_records_project_time ON audit_records (project, occurred_at);

-- The single, serialized chain head: every append locks this row (SELECT ... FOR UPDATE) inside the
-- transaction of the change it records, so all server nodes extend one chain (decision 005).
CREATE TABLE audit_head (
    id             INT       PRIMARY KEY CHECK (id = 1),
    seq            BIGINT    NOT NULL,
    hash           CHAR(64)  NOT NULL,
    checkpoint_seq BIGINT    NOT NULL
);

INSERT INTO audit_head (id, seq, hash, checkpoint_seq)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000', 0);

-- Checkpoints: the hash of record seq, signed by the audit key in the token.
CREATE TABLE audit_checkpoints (
    seq       BIGINT        PRIMARY KEY,
    hash      CHAR(64)      NOT NULL,
    signed_at VARCHAR(40)   NOT NULL,
    algorithm VARCHAR(32)   NOT NULL,
    signature VARCHAR(512)  NOT NULL
);

-- The audit key: generated once in the default token; only its public half is stored here.
CREATE TABLE audit_key (
    id         INT           PRIMARY KEY CHECK (id = 1),
    token_name VARCHAR(64)   NOT NULL,
    handle     VARCHAR(64)   NOT NULL,
    algorithm  VARCHAR(32)   NOT NULL,
    public_key BYTEA         NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL
);
