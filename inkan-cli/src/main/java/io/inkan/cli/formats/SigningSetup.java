package io.inkan.cli.formats;

import io.inkan.client.FileDigests;
import io.inkan.client.InkanClient;
import io.inkan.client.jca.InkanProvider;
import io.inkan.core.SignatureAlgorithm;

import java.net.URI;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateEncodingException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * What every format of one signing command shares: the client, the profile and algorithm, the optional
 * time-stamping authority, the digests hashed ahead, and (looked up on first use, then shared) the JCA
 * provider and the profile's key entry that library-driven formats sign through.
 */
public final class SigningSetup {

    private final InkanClient client;
    private final String project;
    private final String profile;
    private final SignatureAlgorithm algorithm;
    private final URI tsa;
    private final FileDigests digests;
    private final int maxBatch;
    private final Consumer<String> notices;
    private InkanProvider provider;
    private KeyStore.PrivateKeyEntry key;

    /**
     * @param tsa      RFC 3161 authority for formats that time-stamp; {@code null} for none
     * @param digests  the digests of files of formats {@linkplain Format#hashedLocally() hashed here}
     * @param maxBatch the most digests one signing request may carry
     * @param notices  receives lines the user should read, e.g. that a file's existing signature is replaced
     */
    public SigningSetup(InkanClient client, String project, String profile, SignatureAlgorithm algorithm, URI tsa,
                        FileDigests digests, int maxBatch, Consumer<String> notices) {
        this.client = client;
        this.project = project;
        this.profile = profile;
        this.algorithm = algorithm;
        this.tsa = tsa;
        this.digests = digests;
        this.maxBatch = maxBatch;
        this.notices = notices;
    }

    public InkanClient client() {
        return client;
    }

    public String project() {
        return project;
    }

    public String profile() {
        return profile;
    }

    public SignatureAlgorithm algorithm() {
        return algorithm;
    }

    public URI tsa() {
        return tsa;
    }

    public FileDigests digests() {
        return digests;
    }

    public int maxBatch() {
        return maxBatch;
    }

    public Consumer<String> notices() {
        return notices;
    }

    /** The Inkan JCA provider for the project, through which format libraries sign. */
    public synchronized InkanProvider provider() {
        if (provider == null) {
            provider = new InkanProvider(client, project);
        }
        return provider;
    }

    /** The profile's key handle with its certificate chain, looked up once. */
    public synchronized KeyStore.PrivateKeyEntry key() {
        if (key == null) {
            key = provider().keyEntry(profile);
        }
        return key;
    }

    /** The key entry's certificate chain (DER, leaf first) if a format looked the key up; else empty. */
    public synchronized List<byte[]> loadedCertificateChain() {
        if (key == null) {
            return List.of();
        }
        List<byte[]> chain = new ArrayList<>();
        for (Certificate certificate : key.getCertificateChain()) {
            try {
                chain.add(certificate.getEncoded());
            } catch (CertificateEncodingException e) {
                throw new IllegalStateException("the signer's certificate cannot be encoded", e);
            }
        }
        return chain;
    }
}
