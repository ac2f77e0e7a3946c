package io.inkan.server.tsa;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.transaction.PlatformTransactionManager;

import java.math.BigInteger;

/**
 * Serial numbers of time-stamp tokens, unique across every node that shares the database (RFC 3161
 * §2.4.2). A node reserves a block of {@value #BLOCK} numbers at a time by advancing the one counter row
 * under its row lock, then hands them out from memory: one short database transaction per block instead
 * of one per token, and no two nodes can ever hold overlapping blocks. Numbers of a block a node did not
 * use before stopping are simply never issued (uniqueness is required, contiguity is not).
 */
@Component
class SerialNumbers {

    static final int BLOCK = 1000;

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private long next;
    private long end;

    SerialNumbers(JdbcClient jdbc, PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactionManager);
        this.transactions.setPropagationBehavior(Propagation.REQUIRES_NEW.value());
    }

    synchronized BigInteger next() {
        if (next == end) {
            reserveBlock();
        }
        return BigInteger.valueOf(next++);
    }

    private void reserveBlock() {
        long start = transactions.execute(status -> {
            long first = jdbc.sql("SELECT next_serial FROM tsa_state WHERE id = 1 FOR UPDATE")
                    .query(Long.class).single();
            jdbc.sql("UPDATE tsa_state SET next_serial = ? WHERE id = 1").param(first + BLOCK).update();
            return first;
        });
        next = start;
        end = start + BLOCK;
    }
}
