-- Key import (K4) and key sets (K7). Portable between H2 2.x and PostgreSQL 15+.

-- SHA-256 of each key's SubjectPublicKeyInfo, unique over all keys of all projects and tokens, generated
-- or imported: the same key can be bound once only. Rows created before this migration are filled in by
-- KeyFingerprints at start-up (H2 and PostgreSQL have no common SHA-256 function); NULLs do not collide.
ALTER TABLE signing_keys ADD COLUMN public_key_sha256 BYTEA;
ALTER TABLE signing_keys ADD CONSTRAINT uq_signing_keys_public_key UNIQUE (public_key_sha256);
ALTER TABLE signing_keys ADD COLUMN origin VARCHAR(16) DEFAULT 'GENERATED' NOT NULL;

-- One RSA import key per token: clients wrap the keys they import under its public half, so plaintext
-- private keys never cross the wire. The private half lives in the token under `handle`.
CREATE TABLE import_keys (
    token_name  VARCHAR(64)   PRIMARY KEY,
    handle      VARCHAR(64)   NOT NULL UNIQUE,
    public_key  BYTEA         NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

-- The key set of each signing profile. signing_profiles.key_id stays the current key (the one that signs);
-- every key that ever was current stays here, so its public key and certificate remain published.
CREATE TABLE profile_keys (
    profile_id    BIGINT        NOT NULL REFERENCES signing_profiles (id),
    key_id        BIGINT        NOT NULL REFERENCES signing_keys (id),
    added_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    current_since TIMESTAMP WITH TIME ZONE,
    retired_at    TIMESTAMP WITH TIME ZONE,
    CONSTRAINT pk_profile_keys PRIMARY KEY (profile_id, key_id)
);

INSERT INTO profile_keys (profile_id, key_id, added_at, current_since)
SELECT id, key_id, created_at, created_at FROM signing_profiles;
