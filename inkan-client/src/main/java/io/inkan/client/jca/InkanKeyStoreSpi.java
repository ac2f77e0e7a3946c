package io.inkan.client.jca;

import java.io.InputStream;
import java.io.OutputStream;
import java.security.Key;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.KeyStoreSpi;
import java.security.cert.Certificate;
import java.util.Collections;
import java.util.Date;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A read-only view of the signing keys the caller may use: one alias per signing profile, each a private
 * key handle with the certificate chain from the server. Loading ignores the stream and password tools
 * insist on passing ({@code -keystore NONE -storepass x}); the API token authenticates instead.
 */
final class InkanKeyStoreSpi extends KeyStoreSpi {

    private final RemoteKeys keys;
    private final Map<String, RemoteKeys.Entry> entries = new LinkedHashMap<>();

    InkanKeyStoreSpi(RemoteKeys keys) {
        this.keys = keys;
    }

    @Override
    public void engineLoad(InputStream stream, char[] password) {
        engineLoad(null);
    }

    @Override
    public void engineLoad(KeyStore.LoadStoreParameter parameter) {
        entries.clear();
        for (String profile : keys.profiles()) {
            entries.put(profile, keys.entry(profile));
        }
    }

    @Override
    public Key engineGetKey(String alias, char[] password) {
        RemoteKeys.Entry entry = entries.get(alias);
        return entry == null ? null : entry.entry().getPrivateKey();
    }

    @Override
    public Certificate[] engineGetCertificateChain(String alias) {
        RemoteKeys.Entry entry = entries.get(alias);
        return entry == null ? null : entry.entry().getCertificateChain();
    }

    @Override
    public Certificate engineGetCertificate(String alias) {
        RemoteKeys.Entry entry = entries.get(alias);
        return entry == null ? null : entry.entry().getCertificate();
    }

    @Override
    public Date engineGetCreationDate(String alias) {
        RemoteKeys.Entry entry = entries.get(alias);
        return entry == null ? null : entry.created();
    }

    @Override
    public Enumeration<String> engineAliases() {
        return Collections.enumeration(entries.keySet());
    }

    @Override
    public boolean engineContainsAlias(String alias) {
        return entries.containsKey(alias);
    }

    @Override
    public int engineSize() {
        return entries.size();
    }

    @Override
    public boolean engineIsKeyEntry(String alias) {
        return entries.containsKey(alias);
    }

    @Override
    public boolean engineIsCertificateEntry(String alias) {
        return false;
    }

    @Override
    public String engineGetCertificateAlias(Certificate certificate) {
        for (Map.Entry<String, RemoteKeys.Entry> entry : entries.entrySet()) {
            if (entry.getValue().entry().getCertificate().equals(certificate)) {
                return entry.getKey();
            }
        }
        return null;
    }

    @Override
    public void engineSetKeyEntry(String alias, Key key, char[] password, Certificate[] chain) throws KeyStoreException {
        throw readOnly();
    }

    @Override
    public void engineSetKeyEntry(String alias, byte[] key, Certificate[] chain) throws KeyStoreException {
        throw readOnly();
    }

    @Override
    public void engineSetCertificateEntry(String alias, Certificate cert) throws KeyStoreException {
        throw readOnly();
    }

    @Override
    public void engineDeleteEntry(String alias) throws KeyStoreException {
        throw readOnly();
    }

    @Override
    public void engineStore(OutputStream stream, char[] password) {
        throw new UnsupportedOperationException("the Inkan key store is read-only; keys are managed on the server");
    }

    private static KeyStoreException readOnly() {
        return new KeyStoreException("the Inkan key store is read-only; keys are managed on the server");
    }
}
