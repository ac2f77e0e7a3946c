package io.inkan.server.keys;

import io.inkan.core.KeyAlgorithm;
import io.inkan.core.SignatureAlgorithm;
import io.inkan.core.api.KeyImportRequest;
import io.inkan.server.infra.problem.Problem;
import io.inkan.server.infra.problem.Refusal;
import io.inkan.server.projects.Names;
import io.inkan.server.projects.Project;
import io.inkan.server.sam.ServicePurpose;
import io.inkan.server.sam.ServiceSigning;
import io.inkan.server.infra.encoding.StrictBase64;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * Imports existing keys into a token (K4), binding each key once: to one project, under one name.
 *
 * <p>The client wraps the private key under the token's {@link ImportWrappingKeys import key} and sends it with
 * its public key (and optionally its certificate). Everything that can be checked without the token is
 * checked first (name, public key, certificate, and the fingerprint index over every key ever bound,
 * generated or imported), so a refused import never reaches the token. After unwrapping, a signature
 * made in the token and verified with the claimed public key proves the two halves belong together;
 * if that or anything after it fails, the unwrapped key is destroyed again and nothing is stored.
 */
@Service
public class WrappedKeyImport {

    private final KeyRepository repository;
    private final TokenRegistry tokens;
    private final ImportWrappingKeys importKeys;
    private final ServiceSigning signing;
    private final Keys keys;
    private final SecureRandom random;
    private final Clock clock;

    WrappedKeyImport(KeyRepository repository, TokenRegistry tokens, ImportWrappingKeys importKeys, ServiceSigning signing,
                     Keys keys, SecureRandom random, Clock clock) {
        this.repository = repository;
        this.tokens = tokens;
        this.importKeys = importKeys;
        this.signing = signing;
        this.keys = keys;
        this.random = random;
        this.clock = clock;
    }

    /** Call inside a transaction; the caller has checked that the principal is a custodian of {@code project}. */
    public SigningKey importKey(Project project, KeyImportRequest request) {
        Names.require("Key", request.name());
        KeyToken token = tokens.get(request.token());
        if (repository.find(project.id(), request.name()).isPresent()) {
            throw new Refusal(Problem.ALREADY_EXISTS,
                    "Key '" + request.name() + "' already exists in project '" + project.name() + "'");
        }
        PublicKey publicKey = publicKey(request.publicKey());
        KeyAlgorithm algorithm = algorithmOf(publicKey);
        X509Certificate certificate = request.certificate() == null ? null : certificate(request.certificate(), publicKey);
        byte[] wrapped = base64("wrappedKey", request.wrappedKey());
        requireUnbound(project, publicKey);
        ImportWrappingKeys.ImportKey importKey = importKeys.find(token.name()).orElseThrow(() -> new Refusal(
                Problem.INVALID_WRAPPED_KEY, "Token '" + token.name()
                        + "' has no import key yet, so nothing can have been wrapped for it; fetch it first"));

        KeyRef ref = new KeyRef(token.name(), freshHandle(), algorithm);
        try {
            token.unwrap(importKey.handle(), importKey.publicKey(), ref.handle(), algorithm, wrapped);
        } catch (WrappedKeyException e) {
            throw new Refusal(Problem.INVALID_WRAPPED_KEY, e.getMessage());
        }
        try {
            proveMatch(ref, publicKey);
            X509Certificate bound = certificate != null ? certificate
                    : SelfSignedCertificates.issue(signing, ref, publicKey, project.name(), request.name(), random,
                            clock.instant());
            repository.insert(project.id(), request.name(), ref, token.kind(), publicKey, bound, clock.instant(),
                    KeyOrigin.IMPORTED);
        } catch (RuntimeException | GeneralSecurityException e) {
            try {
                token.destroy(ref.handle());
            } catch (RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            }
            if (e instanceof DuplicateKeyException duplicate) {
                throw raced(project, request.name(), publicKey, duplicate);
            }
            if (e instanceof GeneralSecurityException) {
                throw new TokenException("cannot store the public material of imported key " + ref.handle(), e);
            }
            throw (RuntimeException) e;
        }
        return keys.get(project, request.name());
    }

    /** A new key's handle, as generated keys get. */
    private String freshHandle() {
        byte[] handleBytes = new byte[16];
        random.nextBytes(handleBytes);
        return "inkan-" + HexFormat.of().formatHex(handleBytes);
    }

    /** Refuses a key bound already; names the holder only in the caller's own project (A4). */
    private void requireUnbound(Project project, PublicKey publicKey) {
        repository.findByFingerprint(KeyFingerprint.of(publicKey)).ifPresent(holder -> {
            String where = holder.projectId() == project.id()
                    ? "as key '" + holder.name() + "' of project '" + project.name() + "'" : "to another project";
            throw new Refusal(Problem.KEY_ALREADY_BOUND, "This key (SHA-256 fingerprint "
                    + KeyFingerprint.hex(publicKey) + ") is already bound " + where + "; a key is bound once only");
        });
    }

    /**
     * A concurrent request bound the name or the key between the checks and the insert. The failed insert
     * may have aborted the transaction (PostgreSQL), so the violated constraint tells which, not a query.
     */
    private static Refusal raced(Project project, String name, PublicKey publicKey, DuplicateKeyException e) {
        String message = String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT);
        if (message.contains("uq_signing_keys_public_key")) {
            return new Refusal(Problem.KEY_ALREADY_BOUND, "This key (SHA-256 fingerprint "
                    + KeyFingerprint.hex(publicKey) + ") was bound by a concurrent request; a key is bound once only");
        }
        return new Refusal(Problem.ALREADY_EXISTS,
                "Key '" + name + "' already exists in project '" + project.name() + "'");
    }

    /** Signs a random challenge in the token and verifies it with the claimed public key. */
    private void proveMatch(KeyRef ref, PublicKey publicKey) throws GeneralSecurityException {
        SignatureAlgorithm algorithm = ServiceSigning.certificateAlgorithm(ref.algorithm());
        byte[] challenge = new byte[64];
        random.nextBytes(challenge);
        byte[] input = algorithm.isPrehashed() ? algorithm.digest().newDigest().digest(challenge) : challenge;
        byte[] signature;
        try {
            signature = signing.sign(ref, publicKey, algorithm, input, ServicePurpose.KEY_IMPORT_PROOF);
        } catch (TokenException e) {
            throw new Refusal(Problem.KEY_MISMATCH,
                    "The unwrapped private key cannot sign as a " + ref.algorithm() + " key");
        }
        Signature verifier = algorithm.newVerifier();
        verifier.initVerify(publicKey);
        verifier.update(challenge);
        if (!verifier.verify(signature)) {
            throw new Refusal(Problem.KEY_MISMATCH,
                    "The unwrapped private key does not belong to the given public key");
        }
    }

    private static PublicKey publicKey(String base64) {
        byte[] encoded = base64("publicKey", base64);
        try {
            SubjectPublicKeyInfo info = SubjectPublicKeyInfo.getInstance(encoded);
            ASN1ObjectIdentifier type = info.getAlgorithm().getAlgorithm();
            String family = type.equals(PKCSObjectIdentifiers.rsaEncryption) ? "RSA"
                    : type.equals(X9ObjectIdentifiers.id_ecPublicKey) ? "EC"
                    : type.equals(EdECObjectIdentifiers.id_Ed25519) ? "Ed25519" : null;
            if (family == null) {
                throw unsupported("keys of type " + type.getId());
            }
            return KeyFactory.getInstance(family).generatePublic(new X509EncodedKeySpec(encoded));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            throw new Refusal(Problem.INVALID_PUBLIC_KEY,
                    "publicKey is not a DER X.509 SubjectPublicKeyInfo of an RSA, EC or Ed25519 key");
        }
    }

    /** The key algorithm of a public key, limited to the sizes and curves every token is tested with. */
    private static KeyAlgorithm algorithmOf(PublicKey publicKey) {
        SubjectPublicKeyInfo info = SubjectPublicKeyInfo.getInstance(publicKey.getEncoded());
        for (KeyAlgorithm algorithm : KeyAlgorithm.values()) {
            boolean fits = switch (algorithm.family()) {
                case RSA -> publicKey instanceof RSAPublicKey rsa && rsa.getModulus().bitLength() == algorithm.bits();
                case EC -> info.getAlgorithm().getAlgorithm().equals(X9ObjectIdentifiers.id_ecPublicKey)
                        && ECNamedCurveTable.getOID(algorithm.curve()).equals(info.getAlgorithm().getParameters());
                case ED25519 -> info.getAlgorithm().getAlgorithm().equals(EdECObjectIdentifiers.id_Ed25519);
            };
            if (fits) {
                return algorithm;
            }
        }
        throw unsupported("this " + publicKey.getAlgorithm() + " key's size or curve");
    }

    private static Refusal unsupported(String what) {
        return new Refusal(Problem.UNSUPPORTED_KEY_ALGORITHM, "Inkan cannot import "
                + what + "; importable are " + Arrays.toString(KeyAlgorithm.values()));
    }

    private static X509Certificate certificate(String base64, PublicKey publicKey) {
        X509Certificate certificate;
        try {
            certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(base64("certificate", base64)));
        } catch (GeneralSecurityException | ClassCastException e) {
            throw new Refusal(Problem.INVALID_CERTIFICATE,
                    "certificate is not a DER X.509 certificate");
        }
        if (!Arrays.equals(certificate.getPublicKey().getEncoded(), publicKey.getEncoded())) {
            throw new Refusal(Problem.CERTIFICATE_KEY_MISMATCH,
                    "The certificate of '" + certificate.getSubjectX500Principal().getName()
                            + "' carries another public key than the imported key");
        }
        return certificate;
    }

    private static byte[] base64(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new Refusal(Problem.MISSING_FIELD, field + " is required");
        }
        try {
            return StrictBase64.decode(value);
        } catch (IllegalArgumentException e) {
            throw new Refusal(Problem.INVALID_BASE64, field + " is not base64");
        }
    }
}
