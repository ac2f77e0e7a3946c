package io.inkan.server.sam;

import io.inkan.core.KeyAlgorithm;
import io.inkan.core.SignatureAlgorithm;
import io.inkan.server.keys.KeyRef;
import io.inkan.server.keys.KeyState;
import io.inkan.server.keys.SigningKey;
import io.micrometer.core.instrument.MeterRegistry;
import org.bouncycastle.operator.ContentSigner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.security.PublicKey;
import java.util.Objects;

/**
 * Service activations: the way the server's own structures (audit checkpoints, self-signed certificates
 * at key creation, CA certificates, CSRs, time-stamps, configuration seals) reach a token key. No client
 * digest ever goes this way; client signatures need a SAD from {@link SignatureActivation}. Every
 * activation names its purpose and is counted per purpose ({@code inkan.sam.service.activations}) and
 * logged, so an unexpected use shows in the metrics; the business event that caused it (key creation,
 * certificate issuance) is in the audit trail. A checkpoint signature cannot be an audit record itself,
 * because the checkpoint signs the chain it would extend.
 */
@Component
public class ServiceSigning {

    private static final Logger log = LoggerFactory.getLogger(ServiceSigning.class);

    private final TokenSigner signer;
    private final MeterRegistry meters;

    ServiceSigning(TokenSigner signer, MeterRegistry meters) {
        this.signer = signer;
        this.meters = meters;
    }

    /** A content signer for standard builders (certificates, CSRs, CMS, time-stamp tokens) with a key Inkan manages. */
    public ContentSigner contentSigner(SigningKey key, SignatureAlgorithm algorithm, String purpose) {
        requireUsable(key);
        return contentSigner(key.ref(), key.publicKey(), algorithm, purpose);
    }

    /** The same for a service key that is not a {@link SigningKey}, e.g. the audit key or a key being created. */
    public ContentSigner contentSigner(KeyRef key, PublicKey publicKey, SignatureAlgorithm algorithm, String purpose) {
        requirePurpose(purpose);
        return new ServiceContentSigner(algorithm, input -> activate(key, publicKey, algorithm, input, purpose));
    }

    /** Signs {@code input} (a digest of {@code algorithm.digest()}, or the message for pure Ed25519). */
    public byte[] sign(SigningKey key, SignatureAlgorithm algorithm, byte[] input, String purpose) {
        requireUsable(key);
        return sign(key.ref(), key.publicKey(), algorithm, input, purpose);
    }

    /** The same for a service key that is not a {@link SigningKey}. */
    public byte[] sign(KeyRef key, PublicKey publicKey, SignatureAlgorithm algorithm, byte[] input, String purpose) {
        requirePurpose(purpose);
        return activate(key, publicKey, algorithm, input, purpose);
    }

    /** The algorithm a key of this kind uses to sign certificates: SHA-2 matched to the key's strength. */
    public static SignatureAlgorithm certificateAlgorithm(KeyAlgorithm keyAlgorithm) {
        return switch (keyAlgorithm) {
            case RSA_2048, RSA_3072, RSA_4096 -> SignatureAlgorithm.RSA_PKCS1_SHA256;
            case EC_P256 -> SignatureAlgorithm.ECDSA_SHA256;
            case EC_P384 -> SignatureAlgorithm.ECDSA_SHA384;
            case EC_P521 -> SignatureAlgorithm.ECDSA_SHA512;
            case ED25519 -> SignatureAlgorithm.ED25519;
        };
    }

    private byte[] activate(KeyRef key, PublicKey publicKey, SignatureAlgorithm algorithm, byte[] input, String purpose) {
        meters.counter("inkan.sam.service.activations", "purpose", purpose).increment();
        log.debug("service activation '{}' of key {} in token '{}' ({})", purpose, key.handle(), key.tokenName(), algorithm);
        return signer.sign(key, publicKey, algorithm, input);
    }

    private static void requireUsable(SigningKey key) {
        if (key.state() != KeyState.ACTIVE) {
            throw new IllegalStateException("key " + key.handle() + " is " + key.state() + " and cannot sign");
        }
    }

    private static void requirePurpose(String purpose) {
        if (Objects.requireNonNull(purpose, "purpose").isBlank()) {
            throw new IllegalArgumentException("a service activation names its purpose");
        }
    }
}
