package io.inkan.cli.sshagent;

import io.inkan.cli.pkcs11.SigningBackend;
import io.inkan.core.DigestAlgorithm;
import io.inkan.core.SignatureAlgorithm;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Map;

/**
 * A profile's current key as OpenSSH sees it: the public key blob, and how an SSH signature is made from
 * one Inkan signature. Ed25519 signs the data itself (SSH signs small blobs, such as the SSHSIG
 * structure of {@code ssh-keygen -Y sign}); ECDSA and RSA hash locally and send only the digest.
 */
record SshKey(String project, String profile, String type, byte[] blob) {

    private static final Map<String, String> CURVES = Map.of(
            "1.2.840.10045.3.1.7", "nistp256", "1.3.132.0.34", "nistp384", "1.3.132.0.35", "nistp521");
    private static final Map<String, DigestAlgorithm> CURVE_HASHES = Map.of(
            "nistp256", DigestAlgorithm.SHA256, "nistp384", DigestAlgorithm.SHA384, "nistp521", DigestAlgorithm.SHA512);
    /** The agent protocol's flags asking for an RSA signature with SHA-256 or SHA-512 (SHA-1 is refused). */
    static final int RSA_SHA2_256 = 2;
    static final int RSA_SHA2_512 = 4;

    String comment() {
        return project + "/" + profile;
    }

    /** The SSH form of a SubjectPublicKeyInfo; {@code null} for key types SSH agents cannot carry. */
    static SshKey of(String project, String profile, byte[] spki) {
        SubjectPublicKeyInfo info = SubjectPublicKeyInfo.getInstance(spki);
        String algorithm = info.getAlgorithm().getAlgorithm().getId();
        byte[] key = info.getPublicKeyData().getBytes();
        switch (algorithm) {
            case "1.3.101.112" -> {
                return new SshKey(project, profile, "ssh-ed25519", new SshWire().string("ssh-ed25519").string(key).toByteArray());
            }
            case "1.2.840.10045.2.1" -> {
                String curve = CURVES.get(ASN1ObjectIdentifier.getInstance(info.getAlgorithm().getParameters()).getId());
                if (curve == null) {
                    return null;
                }
                String type = "ecdsa-sha2-" + curve;
                return new SshKey(project, profile, type, new SshWire().string(type).string(curve).string(key).toByteArray());
            }
            case "1.2.840.113549.1.1.1" -> {
                try {
                    RSAPublicKey rsa = (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(spki));
                    return new SshKey(project, profile, "ssh-rsa", new SshWire().string("ssh-rsa")
                            .mpint(rsa.getPublicExponent()).mpint(rsa.getModulus()).toByteArray());
                } catch (GeneralSecurityException e) {
                    throw new IllegalArgumentException("the server sent an unreadable RSA key", e);
                }
            }
            default -> {
                return null;
            }
        }
    }

    /**
     * The SSH signature blob over {@code data}, or {@code null} when the request cannot be served (SHA-1
     * RSA signatures).
     */
    byte[] sign(SigningBackend backend, byte[] data, int flags) {
        if (type.equals("ssh-ed25519")) {
            byte[] signature = backend.sign(project, profile, SignatureAlgorithm.ED25519, data);
            return new SshWire().string(type).string(signature).toByteArray();
        }
        if (type.startsWith("ecdsa-sha2-")) {
            DigestAlgorithm hash = CURVE_HASHES.get(type.substring("ecdsa-sha2-".length()));
            SignatureAlgorithm algorithm = switch (hash) {
                case SHA256 -> SignatureAlgorithm.ECDSA_SHA256_P1363;
                case SHA384 -> SignatureAlgorithm.ECDSA_SHA384_P1363;
                case SHA512 -> SignatureAlgorithm.ECDSA_SHA512_P1363;
            };
            byte[] rs = backend.sign(project, profile, algorithm, hash.newDigest().digest(data));
            int half = rs.length / 2;
            byte[] inner = new SshWire().mpint(new BigInteger(1, Arrays.copyOfRange(rs, 0, half)))
                    .mpint(new BigInteger(1, Arrays.copyOfRange(rs, half, rs.length))).toByteArray();
            return new SshWire().string(type).string(inner).toByteArray();
        }
        boolean sha512 = (flags & RSA_SHA2_512) != 0;
        if (!sha512 && (flags & RSA_SHA2_256) == 0) {
            return null;
        }
        DigestAlgorithm hash = sha512 ? DigestAlgorithm.SHA512 : DigestAlgorithm.SHA256;
        byte[] signature = backend.sign(project, profile,
                sha512 ? SignatureAlgorithm.RSA_PKCS1_SHA512 : SignatureAlgorithm.RSA_PKCS1_SHA256, hash.newDigest().digest(data));
        return new SshWire().string(sha512 ? "rsa-sha2-512" : "rsa-sha2-256").string(signature).toByteArray();
    }
}
