package io.inkan.server.audit;

import org.springframework.jdbc.core.simple.JdbcClient;

import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The single row every writer serializes on (decision 005): the newest record's position and hash, the
 * position of the newest checkpoint and the configuration generation (decision 013), counting records
 * that may have changed configuration, which tells every node whether its cached configuration rows are still current.
 */
record ChainHead(long seq, String hash, long checkpointSeq, long configGeneration) {

    private static final String SELECT = "SELECT seq, hash, checkpoint_seq, config_generation FROM audit_head WHERE id = 1";

    /** Reads without locking, for verifiers; writers move it through {@link ChainHeadLock}. */
    static ChainHead read(JdbcClient jdbc) {
        return jdbc.sql(SELECT).query(ChainHead::map).single();
    }

    /** The head after appending record {@code newSeq} with {@code newHash}. */
    ChainHead append(long newSeq, String newHash, boolean changesConfiguration) {
        return new ChainHead(newSeq, newHash, checkpointSeq, changesConfiguration ? configGeneration + 1 : configGeneration);
    }

    /** The head with a checkpoint at its own position. */
    ChainHead checkpointed() {
        return new ChainHead(seq, hash, seq, configGeneration);
    }

    static ChainHead map(ResultSet rs, int row) throws SQLException {
        return new ChainHead(rs.getLong("seq"), rs.getString("hash"), rs.getLong("checkpoint_seq"),
                rs.getLong("config_generation"));
    }
}
