package io.inkan.cli.formats;

import io.inkan.client.FileDigests;
import io.inkan.client.InkanClient;
import io.inkan.client.jca.InkanProvider;
import io.inkan.core.SignatureAlgorithm;

import java.net.URI;
import java.security.KeyStore;

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
    private InkanProvider provider;
    private KeyStore.PrivateKeyEntry key;

    /**
     * @param tsa      RFC 3161 authority for formats that time-stamp; {@code null} for none
     * @param digests  the digests of files of formats {@linkplain Format#hashedLocally() hashed here}
     * @param maxBatch the most digests one signing request may carry
     */
    public SigningSetup(InkanClient client, String project, String profile, SignatureAlgorithm algorithm, URI tsa,
                        FileDigests digests, int maxBatch) {
        this.client = client;
        this.project = project;
        this.profile = profile;
        this.algorithm = algorithm;
        this.tsa = tsa;
        this.digests = digests;
        this.maxBatch = maxBatch;
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
}
