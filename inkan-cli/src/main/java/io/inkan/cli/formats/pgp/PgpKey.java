package io.inkan.cli.formats.pgp;

import io.inkan.cli.formats.ArtifactSigner;
import io.inkan.client.InkanClient;
import io.inkan.core.KeyAlgorithm;
import io.inkan.core.SignatureAlgorithm;
import io.inkan.core.api.KeyView;
import org.bouncycastle.bcpg.ArmoredOutputStream;
import org.bouncycastle.bcpg.sig.KeyFlags;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPrivateKey;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureGenerator;
import org.bouncycastle.openpgp.PGPSignatureSubpacketGenerator;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPKeyConverter;
import org.bouncycastle.util.encoders.Hex;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Date;
import java.util.Locale;

/**
 * An Inkan key as an OpenPGP v4 key. The v4 fingerprint covers the key's creation time, so that time is
 * the key's {@code createdAt} on the server: every export of the same key has the same fingerprint, and
 * signatures made today verify against a key exported next year. Certifications and signatures are made
 * by the server through {@link RemotePgpSigner}; no private key is involved here.
 */
public final class PgpKey {

    private final InkanClient client;
    private final String project;
    private final String profile;
    private final PgpAlgorithm algorithm;
    private final PGPPublicKey publicKey;

    private PgpKey(InkanClient client, String project, String profile, PgpAlgorithm algorithm, PGPPublicKey publicKey) {
        this.client = client;
        this.project = project;
        this.profile = profile;
        this.algorithm = algorithm;
        this.publicKey = publicKey;
    }

    /**
     * The key behind {@code profile}, signing with {@code requested} or, if {@code null}, the key's
     * natural OpenPGP algorithm.
     */
    public static PgpKey of(InkanClient client, String project, String profile, SignatureAlgorithm requested) {
        KeyView key = client.keys().get(project, client.profiles().get(project, profile).key());
        KeyAlgorithm keyAlgorithm = KeyAlgorithm.parse(key.algorithm());
        PgpAlgorithm algorithm = PgpAlgorithm.choose(keyAlgorithm, requested);
        try {
            PublicKey jca = KeyFactory.getInstance(keyAlgorithm.family().jcaName())
                    .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(key.publicKey())));
            PGPPublicKey pgp = new JcaPGPKeyConverter().getPGPPublicKey(algorithm.keyTag(), jca,
                    Date.from(key.createdAt()));
            return new PgpKey(client, project, profile, algorithm, pgp);
        } catch (GeneralSecurityException | PGPException | IllegalArgumentException e) {
            throw new IllegalStateException("cannot express key " + key.name() + " in OpenPGP: " + e.getMessage(), e);
        }
    }

    /** The v4 fingerprint, upper-case hex, as gpg prints it. */
    public String fingerprint() {
        return Hex.toHexString(publicKey.getFingerprint()).toUpperCase(Locale.ROOT);
    }

    /** The public key with {@code userId} self-certified (positive certification), ASCII-armored. */
    public void exportArmored(String userId, OutputStream out) throws IOException {
        PGPSignatureSubpacketGenerator hashed = subpackets();
        hashed.setKeyFlags(true, KeyFlags.CERTIFY_OTHER | KeyFlags.SIGN_DATA);
        hashed.setPreferredHashAlgorithms(false, new int[] {algorithm.hashTag()});
        try {
            PGPSignatureGenerator generator = generator(PGPSignature.POSITIVE_CERTIFICATION, "pgp-key " + userId);
            generator.setHashedSubpackets(hashed.generate());
            PGPSignature certification = generator.generateCertification(userId, publicKey);
            PGPPublicKey certified = PGPPublicKey.addCertification(publicKey, userId, certification);
            try (ArmoredOutputStream armored = ArmoredOutputStream.builder().clearHeaders().build(nonClosing(out))) {
                certified.encode(armored);
            }
        } catch (PGPException e) {
            throw new IOException("cannot certify the OpenPGP key: " + e.getMessage(), e);
        }
    }

    /** Writes ASCII-armored detached signatures ({@code FILE.asc}) over the binary file contents. */
    public ArtifactSigner detachedSigner() {
        return (file, out) -> {
            try {
                PGPSignatureGenerator generator = generator(PGPSignature.BINARY_DOCUMENT, file.getFileName().toString());
                generator.setHashedSubpackets(subpackets().generate());
                byte[] buffer = new byte[1 << 20];
                try (InputStream in = Files.newInputStream(file)) {
                    int read;
                    while ((read = in.read(buffer)) != -1) {
                        generator.update(buffer, 0, read);
                    }
                }
                try (ArmoredOutputStream armored = ArmoredOutputStream.builder().clearHeaders().build(nonClosing(out))) {
                    generator.generate().encode(armored);
                }
            } catch (PGPException e) {
                throw new IOException("cannot sign " + file + ": " + e.getMessage(), e);
            }
        };
    }

    private PGPSignatureGenerator generator(int type, String artifact) throws PGPException {
        PGPSignatureGenerator generator = new PGPSignatureGenerator(
                new RemotePgpSigner(client, project, profile, algorithm, artifact), publicKey);
        generator.init(type, new PGPPrivateKey(publicKey.getKeyID(), publicKey.getPublicKeyPacket(), null));
        return generator;
    }

    private PGPSignatureSubpacketGenerator subpackets() {
        PGPSignatureSubpacketGenerator hashed = new PGPSignatureSubpacketGenerator();
        hashed.setSignatureCreationTime(false, new Date());
        hashed.setIssuerFingerprint(false, publicKey);
        return hashed;
    }

    private static OutputStream nonClosing(OutputStream out) {
        return new FilterOutputStream(out) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                flush();
            }
        };
    }
}
