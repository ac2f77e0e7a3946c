package io.inkan.server.keys.software;

import io.inkan.client.keys.KeyImportScheme;
import io.inkan.core.KeyAlgorithm;
import io.inkan.server.keys.KeyToken;
import io.inkan.server.keys.Mechanism;
import io.inkan.server.keys.TokenException;
import io.inkan.server.keys.TokenKind;
import io.inkan.server.keys.WrappedKeyException;
import io.inkan.server.sam.SigningPermit;

import javax.crypto.Cipher;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The embedded token for first runs and small teams (K3): keys are generated with the JDK, stored only
 * as AES-256-GCM ciphertext under a master key kept outside the database, and unwrapped into memory
 * when first used. It is weaker than an HSM (the process memory holds usable keys), which the API
 * reports through {@link TokenKind#SOFTWARE}.
 */
public final class SoftwareToken implements KeyToken {

    private final String name;
    private final KeyWrapper wrapper;
    private final SoftwareKeyMaterialStore store;
    private final SecureRandom random;
    private final Map<String, PrivateKey> unwrapped = new ConcurrentHashMap<>();

    public SoftwareToken(String name, javax.crypto.SecretKey masterKey, SoftwareKeyMaterialStore store,
                         SecureRandom random) {
        this.name = name;
        this.wrapper = new KeyWrapper(masterKey, random);
        this.store = store;
        this.random = random;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public TokenKind kind() {
        return TokenKind.SOFTWARE;
    }

    @Override
    public PublicKey generate(String handle, KeyAlgorithm algorithm) {
        KeyPair pair = newKeyPair(algorithm);
        byte[] pkcs8 = pair.getPrivate().getEncoded();
        try {
            store.insert(handle, wrapper.wrap(handle, pkcs8));
        } finally {
            Arrays.fill(pkcs8, (byte) 0);
        }
        return pair.getPublic();
    }

    @Override
    public PublicKey generateImportKey(String handle) {
        return generate(handle, KeyAlgorithm.RSA_3072);
    }

    /**
     * Unwraps in this process's memory, which is what a software token is; the PKCS#8 is re-encrypted under
     * the master key at once and the plaintext buffers are cleared.
     */
    @Override
    public void unwrap(String importHandle, PublicKey importKey, String handle, KeyAlgorithm algorithm,
                       byte[] wrapped) {
        PrivateKey unwrapping = unwrapped.computeIfAbsent(importHandle, h -> load(h, KeyAlgorithm.RSA_3072));
        byte[] pkcs8;
        try {
            pkcs8 = KeyImportScheme.unwrap(unwrapping, wrapped);
        } catch (GeneralSecurityException e) {
            throw new WrappedKeyException("the wrapped key cannot be unwrapped with the import key of token '" + name
                    + "' (" + KeyImportScheme.NAME + "): it was made for another import key or was altered");
        }
        try {
            KeyFactory.getInstance(algorithm.family().jcaName()).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
            store.insert(handle, wrapper.wrap(handle, pkcs8));
        } catch (GeneralSecurityException e) {
            throw new WrappedKeyException("the wrapped key is not a PKCS#8 " + algorithm.family().jcaName() + " private key");
        } finally {
            Arrays.fill(pkcs8, (byte) 0);
        }
    }

    @Override
    public byte[] sign(String handle, KeyAlgorithm algorithm, Mechanism mechanism, byte[] input, SigningPermit permit) {
        SigningPermit.require(permit, handle);
        PrivateKey key = unwrapped.computeIfAbsent(handle, h -> load(h, algorithm));
        try {
            if (mechanism == Mechanism.RSA_RAW) {
                Cipher rsa = Cipher.getInstance("RSA/ECB/NoPadding");
                rsa.init(Cipher.ENCRYPT_MODE, key);
                return rsa.doFinal(input);
            }
            Signature signature = Signature.getInstance(jcaName(mechanism));
            signature.initSign(key);
            signature.update(input);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new TokenException("token '" + name + "' cannot apply " + mechanism + " with key " + handle
                    + ": " + e.getClass().getSimpleName());
        }
    }

    @Override
    public boolean destroy(String handle) {
        unwrapped.remove(handle);
        return store.delete(handle);
    }

    @Override
    public void close() {
        unwrapped.clear();
    }

    private static String jcaName(Mechanism mechanism) {
        return switch (mechanism) {
            case RSA_PKCS1 -> "NONEwithRSA";
            case ECDSA_DER -> "NONEwithECDSA";
            case ECDSA_P1363 -> "NONEwithECDSAinP1363Format";
            case EDDSA -> "Ed25519";
            case RSA_RAW -> throw new IllegalArgumentException("raw RSA is a cipher operation");
        };
    }

    private KeyPair newKeyPair(KeyAlgorithm algorithm) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm.family().jcaName());
            switch (algorithm.family()) {
                case RSA -> generator.initialize(
                        new RSAKeyGenParameterSpec(algorithm.bits(), RSAKeyGenParameterSpec.F4), random);
                case EC -> generator.initialize(new ECGenParameterSpec(algorithm.curve()), random);
                case ED25519 -> generator.initialize(255, random);
            }
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new TokenException("token '" + name + "' cannot generate " + algorithm, e);
        }
    }

    private PrivateKey load(String handle, KeyAlgorithm algorithm) {
        byte[] wrapped = store.find(handle)
                .orElseThrow(() -> new TokenException("no key '" + handle + "' in token '" + name + "'"));
        byte[] pkcs8 = wrapper.unwrap(handle, wrapped);
        try {
            return KeyFactory.getInstance(algorithm.family().jcaName()).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        } catch (GeneralSecurityException e) {
            throw new TokenException("key " + handle + " in token '" + name + "' is not a valid " + algorithm);
        } finally {
            Arrays.fill(pkcs8, (byte) 0);
        }
    }
}
