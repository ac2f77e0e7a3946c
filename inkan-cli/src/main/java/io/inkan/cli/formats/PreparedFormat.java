package io.inkan.cli.formats;

import java.util.List;

/** A {@link Format} set up for one command: it hands out a signer per file. */
public interface PreparedFormat {

    /**
     * A signer for one more file. Format libraries keep per-artifact state, so most formats return a new
     * one each time; it runs on the file's own thread of the command's signature batch.
     */
    ArtifactSigner signer();

    /**
     * For a format that {@linkplain Format#publishesPublicKey() publishes the key}: the signing key's public
     * key (X.509 DER) as the server sent it while signing, asked for once every file is signed; {@code null}
     * for other formats.
     */
    default byte[] publicKey() {
        return null;
    }

    /**
     * The signer's certificate chain (DER, leaf first) as this format learned it while signing, asked for once
     * every file is signed; empty when it learned none (formats signing through the key entry leave it to
     * {@link SigningSetup#loadedCertificateChain()}).
     */
    default List<byte[]> certificateChain() {
        return List.of();
    }
}
