package io.inkan.client.keys;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The private key and certificate chain of a PKCS#12 file, read on the client: the file's password and
 * the plaintext key stay on the machine that imports, and only a wrapped key goes to the server.
 *
 * @param chain leaf first; the leaf carries the key's public half
 */
public record Pkcs12Key(PrivateKey privateKey, List<X509Certificate> chain) {

    public Pkcs12Key {
        chain = List.copyOf(chain);
    }

    /**
     * Reads the file's one private-key entry.
     *
     * @throws IllegalArgumentException naming the problem (missing file, wrong password, no or several keys):
     *                                  the caller's input, not the service, is at fault
     */
    public static Pkcs12Key load(Path file, char[] password) {
        KeyStore store;
        try (InputStream in = Files.newInputStream(file)) {
            store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("PKCS#12 file " + file + " does not exist");
        } catch (IOException e) {
            if (e.getCause() instanceof UnrecoverableKeyException) {
                throw new IllegalArgumentException("wrong password for PKCS#12 file " + file);
            }
            throw new IllegalArgumentException("cannot read PKCS#12 file " + file + ": " + e.getMessage());
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot read PKCS#12 file " + file + ": " + e.getMessage());
        }
        try {
            List<String> keys = new ArrayList<>();
            for (String alias : Collections.list(store.aliases())) {
                if (store.isKeyEntry(alias)) {
                    keys.add(alias);
                }
            }
            if (keys.size() != 1) {
                throw new IllegalArgumentException("PKCS#12 file " + file + " must hold exactly one private key, holds "
                        + keys.size());
            }
            Key key = store.getKey(keys.get(0), password);
            Certificate[] certificates = store.getCertificateChain(keys.get(0));
            if (!(key instanceof PrivateKey privateKey) || certificates == null || certificates.length == 0) {
                throw new IllegalArgumentException("PKCS#12 file " + file + " has no private key with a certificate");
            }
            List<X509Certificate> chain = new ArrayList<>();
            for (Certificate certificate : certificates) {
                chain.add((X509Certificate) certificate);
            }
            return new Pkcs12Key(privateKey, chain);
        } catch (UnrecoverableKeyException e) {
            throw new IllegalArgumentException("wrong password for the key in PKCS#12 file " + file);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot read the key in PKCS#12 file " + file + ": " + e.getMessage());
        }
    }
}
