package io.inkan.server.keys.pkcs11;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.security.pkcs11.wrapper.PKCS11;
import sun.security.pkcs11.wrapper.PKCS11Exception;

import java.util.Deque;
import java.util.concurrent.ConcurrentLinkedDeque;

import static sun.security.pkcs11.wrapper.PKCS11Constants.CKF_RW_SESSION;
import static sun.security.pkcs11.wrapper.PKCS11Constants.CKF_SERIAL_SESSION;

/**
 * The PKCS#11 sessions of one token. A session runs one operation at a time, so every call borrows a
 * session of its own; idle sessions are kept because opening one can cost a round trip to the HSM. The
 * pool grows to the peak number of concurrent calls and never shrinks while open.
 *
 * <p>A session whose call failed is closed rather than reused: a failure may leave an operation active
 * or the session dead, and opening a fresh one is cheaper than telling these apart. One extra session
 * stays open for the pool's whole life, because PKCS#11 logs an application out, and may renumber its
 * objects, when the application's last session on the token closes.
 */
final class Pkcs11Sessions implements AutoCloseable {

    /** Work done in one borrowed session. */
    @FunctionalInterface
    interface Call<T> {
        T apply(long session) throws PKCS11Exception;
    }

    private static final Logger log = LoggerFactory.getLogger(Pkcs11Sessions.class);

    private final PKCS11 module;
    private final long slot;
    private final long keepAlive;
    private final Deque<Long> idle = new ConcurrentLinkedDeque<>();
    private volatile boolean closed;

    Pkcs11Sessions(PKCS11 module, long slot) throws PKCS11Exception {
        this.module = module;
        this.slot = slot;
        this.keepAlive = open();
    }

    <T> T call(Call<T> call) throws PKCS11Exception {
        long session = borrow();
        T result;
        try {
            result = call.apply(session);
        } catch (PKCS11Exception | RuntimeException e) {
            closeQuietly(session);
            throw e;
        }
        giveBack(session);
        return result;
    }

    private long borrow() throws PKCS11Exception {
        if (closed) {
            throw new IllegalStateException("the token's sessions are closed");
        }
        Long session = idle.pollFirst();
        return session != null ? session : open();
    }

    private void giveBack(long session) {
        idle.addFirst(session);
        // close() may have drained the pool between our check and the add above.
        if (closed && idle.remove(session)) {
            closeQuietly(session);
        }
    }

    private long open() throws PKCS11Exception {
        return module.C_OpenSession(slot, CKF_SERIAL_SESSION | CKF_RW_SESSION, null, null);
    }

    private void closeQuietly(long session) {
        try {
            module.C_CloseSession(session);
        } catch (PKCS11Exception e) {
            log.warn("Closing PKCS#11 session on slot {} failed: {}", slot, e.getMessage());
        }
    }

    /**
     * Closes the idle sessions now and borrowed ones when they come back. Does not call C_Logout: the login
     * belongs to the whole application, and other tokens in this JVM may share it.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (Long session = idle.pollFirst(); session != null; session = idle.pollFirst()) {
            closeQuietly(session);
        }
        closeQuietly(keepAlive);
    }
}
