package io.inkan.server.keys.pkcs11;

import io.inkan.client.keys.KeyImportScheme;
import io.inkan.core.KeyAlgorithm;
import io.inkan.server.keys.KeyToken;
import io.inkan.server.keys.Mechanism;
import io.inkan.server.keys.TokenException;
import io.inkan.server.keys.TokenKind;
import io.inkan.server.keys.TokenSettingException;
import io.inkan.server.keys.WrappedKeyException;
import io.inkan.server.sam.SigningPermit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.security.pkcs11.wrapper.CK_C_INITIALIZE_ARGS;
import sun.security.pkcs11.wrapper.PKCS11;
import sun.security.pkcs11.wrapper.PKCS11Exception;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

import static sun.security.pkcs11.wrapper.PKCS11Constants.CKF_OS_LOCKING_OK;

/**
 * A token in an HSM (or SoftHSM2), reached through PKCS#11.
 *
 * <p>SunPKCS11 logs in; everything else goes through the JDK's PKCS#11 wrapper, because SunPKCS11 can
 * neither name the keys it generates nor find a key that has no certificate, and has no Ed25519 in JDK 17.
 * Keys carry their handle as CKA_ID and CKA_LABEL (see {@link Pkcs11Keys}), so a new instance, e.g. after a
 * restart, finds them again; the private key's object handle is cached per key handle once found. Each
 * call borrows its own session from {@link Pkcs11Sessions}, so the token is safe to use from many threads.
 */
public final class Pkcs11Token implements KeyToken {

    private static final Logger log = LoggerFactory.getLogger(Pkcs11Token.class);

    private final String name;
    private final PKCS11 module;
    private final Pkcs11Sessions sessions;
    private final Pkcs11Keys keys;
    private final Map<String, Long> privateKeys = new ConcurrentHashMap<>();

    public Pkcs11Token(Pkcs11TokenSettings settings) {
        this.name = Objects.requireNonNull(settings.name(), "token name");
        this.module = loadModule(settings);
        long slot = Pkcs11Slots.resolve(module, settings);
        try {
            // The pool keeps a session open for this token's life, so the login below does not depend on
            // SunPKCS11 keeping its own sessions.
            this.sessions = new Pkcs11Sessions(module, slot);
        } catch (PKCS11Exception e) {
            throw new TokenException("cannot open a session on token '" + name + "': " + e.getMessage(), e);
        }
        try {
            SunPkcs11Login.logIn(settings, slot);
        } catch (RuntimeException e) {
            sessions.close();
            throw e;
        }
        this.keys = new Pkcs11Keys(module, name);
        log.info("PKCS#11 token '{}' is slot {} of {}", name, slot, settings.library());
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public TokenKind kind() {
        return TokenKind.PKCS11;
    }

    @Override
    public PublicKey generate(String handle, KeyAlgorithm algorithm) {
        if (find(handle).isPresent()) {
            throw new TokenException("key '" + handle + "' already exists in token '" + name + "'");
        }
        Pkcs11Keys.Generated generated;
        try {
            generated = sessions.call(session -> keys.generate(session, handle, algorithm));
        } catch (PKCS11Exception e) {
            throw new TokenException("token '" + name + "' could not generate " + algorithm + " key '" + handle
                    + "': " + e.getMessage(), e);
        }
        privateKeys.put(handle, generated.privateKey());
        return generated.publicKey();
    }

    @Override
    public PublicKey generateImportKey(String handle) {
        try {
            Pkcs11Keys.Generated generated = sessions.call(session -> keys.generateImportKey(session, handle,
                    KeyAlgorithm.RSA_3072));
            return generated.publicKey();
        } catch (PKCS11Exception e) {
            throw new TokenException("token '" + name + "' could not generate its import key '" + handle + "': "
                    + e.getMessage(), e);
        }
    }

    @Override
    public void unwrap(String importHandle, PublicKey importKey, String handle, KeyAlgorithm algorithm,
                       byte[] wrapped) {
        int split;
        try {
            split = KeyImportScheme.encryptedKeyLength(importKey, wrapped);
        } catch (GeneralSecurityException e) {
            throw new WrappedKeyException(e.getMessage());
        }
        if (find(handle).isPresent()) {
            throw new TokenException("key '" + handle + "' already exists in token '" + name + "'");
        }
        long unwrapping = privateKey(importHandle);
        long created;
        try {
            created = sessions.call(session -> keys.unwrap(session, unwrapping, wrapped, split, handle, algorithm));
        } catch (PKCS11Exception e) {
            if (Pkcs11Errors.isTokenFailure(e)) {
                throw new TokenException("token '" + name + "' could not unwrap key '" + handle + "': "
                        + e.getMessage(), e);
            }
            throw new WrappedKeyException("token '" + name + "' refused the wrapped key (" + Pkcs11Errors.describe(e)
                    + "): it was not wrapped under this token's import key with " + KeyImportScheme.NAME
                    + ", was altered, or is not a PKCS#8 " + algorithm.family().jcaName() + " private key");
        }
        privateKeys.put(handle, created);
    }

    @Override
    public byte[] sign(String handle, KeyAlgorithm algorithm, Mechanism mechanism, byte[] input, SigningPermit permit) {
        SigningPermit.require(permit, handle);
        Pkcs11Mechanisms.checkInput(algorithm, mechanism, input);
        long key = privateKey(handle);
        byte[] signature;
        try {
            signature = sessions.call(session -> {
                module.C_SignInit(session, Pkcs11Mechanisms.of(mechanism), key);
                return module.C_Sign(session, input);
            });
        } catch (PKCS11Exception e) {
            throw new TokenException("token '" + name + "' could not sign with key '" + handle + "' (" + mechanism
                    + "): " + e.getMessage(), e);
        }
        return Pkcs11Mechanisms.output(algorithm, mechanism, signature);
    }

    @Override
    public boolean destroy(String handle) {
        Objects.requireNonNull(handle, "key handle");
        privateKeys.remove(handle);
        try {
            return sessions.call(session -> keys.destroy(session, handle)) > 0;
        } catch (PKCS11Exception e) {
            throw new TokenException("token '" + name + "' could not destroy key '" + handle + "': " + e.getMessage(), e);
        }
    }

    /** Closes this instance's sessions; keys stay on the token, and other instances stay logged in. */
    @Override
    public void close() {
        sessions.close();
        privateKeys.clear();
    }

    private long privateKey(String handle) {
        Long cached = privateKeys.get(handle);
        if (cached != null) {
            return cached;
        }
        long found = find(handle).orElseThrow(() -> new TokenException("no key '" + handle + "' in token '" + name + "'"));
        privateKeys.put(handle, found);
        return found;
    }

    private OptionalLong find(String handle) {
        Objects.requireNonNull(handle, "key handle");
        try {
            return sessions.call(session -> keys.findPrivate(session, handle));
        } catch (PKCS11Exception e) {
            throw new TokenException("token '" + name + "' could not look up key '" + handle + "': " + e.getMessage(), e);
        }
    }

    /**
     * Loads (or reuses: the JDK keeps one instance per library path) the PKCS#11 module. CKF_OS_LOCKING_OK
     * lets the module serve many threads at once; without it the JDK serialises every call.
     */
    private static PKCS11 loadModule(Pkcs11TokenSettings settings) {
        String library = Objects.requireNonNull(settings.library(), "PKCS#11 library");
        if (!Path.of(library).isAbsolute()) {
            // A bare name would be looked up on the loader's search path.
            throw new TokenSettingException("inkan.tokens.pkcs11[].library", "the PKCS#11 library of token '"
                    + settings.name() + "' must be an absolute path", "Give the module's absolute path, e.g. "
                    + "/usr/lib/softhsm/libsofthsm2.so.");
        }
        CK_C_INITIALIZE_ARGS initArgs = new CK_C_INITIALIZE_ARGS();
        initArgs.flags = CKF_OS_LOCKING_OK;
        try {
            return PKCS11.getInstance(library, "C_GetFunctionList", initArgs, false);
        } catch (IOException | PKCS11Exception e) {
            throw new TokenSettingException("inkan.tokens.pkcs11[].library", "cannot load PKCS#11 library " + library
                    + " for token '" + settings.name() + "': " + Pkcs11Errors.describe(e), "Install the HSM vendor's "
                    + "PKCS#11 module (for SoftHSM2: apt-get install softhsm2) or correct inkan.tokens.pkcs11[].library.", e);
        }
    }
}
