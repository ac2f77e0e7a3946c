-- The built-in RFC 3161 time-stamping authority (S5) and per-profile timestamping.
-- Portable between H2 2.x and PostgreSQL 15+.

-- One row, created here so that nodes have something to lock: generating the TSA key on the first
-- start and reserving blocks of serial numbers both lock it (SELECT ... FOR UPDATE), so serial numbers
-- are unique across every node sharing the database (decision 012).
CREATE TABLE tsa_state (
    id          INT       PRIMARY KEY CHECK (id = 1),
    next_serial BIGINT    NOT NULL
);

INSERT INTO tsa_state (id, next_serial) VALUES (1, 1);

-- The TSA key: generated once in the default token; its public half and certificate only.
CREATE TABLE tsa_key (
    id          INT           PRIMARY KEY CHECK (id = 1),
    token_name  VARCHAR(64)   NOT NULL,
    handle      VARCHAR(64)   NOT NULL,
    algorithm   VARCHAR(32)   NOT NULL,
    public_key  BYTEA         NOT NULL,
    certificate BYTEA         NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

-- How a profile time-stamps: the built-in authority, or an external one at url. No row = no timestamps.
CREATE TABLE profile_timestamping (
    profile_id  BIGINT        PRIMARY KEY REFERENCES signing_profiles (id),
    authority   VARCHAR(16)   NOT NULL,
    url         VARCHAR(2048),
    updated_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
