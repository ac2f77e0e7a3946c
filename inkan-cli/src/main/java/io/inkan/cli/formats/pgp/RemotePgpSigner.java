package io.inkan.cli.formats.pgp;

import io.inkan.client.InkanClient;
import io.inkan.client.InkanException;
import io.inkan.core.SignatureAlgorithm;
import io.inkan.core.api.SignHashRequest;
import org.bouncycastle.openpgp.PGPPrivateKey;
import org.bouncycastle.openpgp.operator.PGPContentSigner;
import org.bouncycastle.openpgp.operator.PGPContentSignerBuilder;

import java.io.OutputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;

/**
 * Bouncy Castle's OpenPGP signature generator with the Inkan server as the signer. OpenPGP hashes the data
 * and the signature trailer once, here; the server signs that digest: RSA as PKCS#1 v1.5 over a
 * DigestInfo and ECDSA over the digest, exactly what OpenPGP expects, and legacy EdDSA (algorithm 22),
 * which signs the digest itself as its message, through pure Ed25519 with the digest as data.
 */
final class RemotePgpSigner implements PGPContentSignerBuilder {

    private final InkanClient client;
    private final String project;
    private final String profile;
    private final PgpAlgorithm algorithm;
    private final String artifact;

    RemotePgpSigner(InkanClient client, String project, String profile, PgpAlgorithm algorithm, String artifact) {
        this.client = client;
        this.project = project;
        this.profile = profile;
        this.algorithm = algorithm;
        this.artifact = artifact;
    }

    @Override
    public PGPContentSigner build(int signatureType, PGPPrivateKey key) {
        MessageDigest digest = algorithm.digest().newDigest();
        DigestOutputStream stream = new DigestOutputStream(OutputStream.nullOutputStream(), digest);
        return new PGPContentSigner() {
            private byte[] hash;

            @Override
            public OutputStream getOutputStream() {
                return stream;
            }

            @Override
            public byte[] getDigest() {
                if (hash == null) {
                    hash = digest.digest();
                }
                return hash.clone();
            }

            @Override
            public byte[] getSignature() {
                return sign(getDigest());
            }

            @Override
            public int getType() {
                return signatureType;
            }

            @Override
            public int getHashAlgorithm() {
                return algorithm.hashTag();
            }

            @Override
            public int getKeyAlgorithm() {
                return algorithm.keyTag();
            }

            @Override
            public long getKeyID() {
                return key.getKeyID();
            }
        };
    }

    private byte[] sign(byte[] hash) {
        SignatureAlgorithm server = algorithm.server();
        String value = Base64.getEncoder().encodeToString(hash);
        SignHashRequest.Item item = server.isPrehashed()
                ? SignHashRequest.Item.ofDigest(value, artifact)
                : SignHashRequest.Item.ofData(value, artifact);
        String signature = client.signing().sign(project, profile, server, List.of(item)).signatures().get(0);
        try {
            return Base64.getDecoder().decode(String.valueOf(signature));
        } catch (IllegalArgumentException e) {
            throw new InkanException("server sent a signature that is not base64");
        }
    }
}
