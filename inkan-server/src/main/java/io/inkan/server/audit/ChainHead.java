package io.inkan.server.audit;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The single row every writer serializes on (decision 005): the newest record's position and hash and
 * the position of the newest checkpoint.
 */
record ChainHead(long seq, String hash, long checkpointSeq) {

    /** Reads and locks the head until the current transaction ends; all nodes queue here. */
    static ChainHead lock(JdbcClient jdbc) {
        return jdbc.sql("SELECT seq, hash, checkpoint_seq FROM audit_head WHERE id = 1 FOR UPDATE")
                .query((rs, row) -> new ChainHead(rs.getLong("seq"), rs.getString("hash"), rs.getLong("checkpoint_seq")))
                .single();
    }

    /** Reads without locking, for verifiers. */
    static ChainHead read(JdbcClient jdbc) {
        return jdbc.sql("SELECT seq, hash, checkpoint_seq FROM audit_head WHERE id = 1")
                .query((rs, row) -> new ChainHead(rs.getLong("seq"), rs.getString("hash"), rs.getLong("checkpoint_seq")))
                .single();
    }

    void store(JdbcClient jdbc) {
        jdbc.sql("UPDATE audit_head SET seq = ?, hash = ?, checkpoint_seq = ? WHERE id = 1")
                .params(seq, hash, checkpointSeq)
                .update();
    }
}
