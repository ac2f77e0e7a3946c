package io.inkan.server.sam;

import io.inkan.core.KeyAlgorithm;
import io.inkan.core.SignatureAlgorithm;
import io.inkan.server.keys.KeyRef;
import io.micrometer.core.instrument.MeterRegistry;
import org.bouncycastle.operator.ContentSigner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.security.PublicKey;

/**
 * Service activations with the server's own keys: the way audit checkpoints, configuration seals, the
 * built-in TSA's tokens and certificate, and the self-signed certificate or import proof of a key being
 * created reach a token key. No client digest ever goes this way; client signatures need a SAD from
 * {@link SignatureActivation}. Project keys that already exist (CA certificates, CRLs, CSRs) go through
 * {@link ProjectKeySigning}, which enforces their M-of-N activation.
 *
 * <p>Every activation names a {@link ServicePurpose}; a purpose is refused unless its caller is on the
 * purpose's allow-list. Each activation is counted per purpose ({@code inkan.sam.service.activations})
 * and logged, so an unexpected use shows in the metrics; the business event that caused it (key creation,
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

    /**
     * A content signer for standard builders (certificates, CMS, time-stamp tokens) with a key the server
     * holds for itself or a key being created.
     *
     * @throws SecurityException when the caller is not on the purpose's allow-list
     */
    public ContentSigner contentSigner(KeyRef key, PublicKey publicKey, SignatureAlgorithm algorithm,
                                       ServicePurpose purpose) {
        requireServerKeyPurpose(purpose);
        purpose.requireCaller();
        return activated(key, publicKey, algorithm, purpose);
    }

    /**
     * Signs {@code input} (a digest of {@code algorithm.digest()}, or the message for pure Ed25519) with a
     * key the server holds for itself or a key being created.
     *
     * @throws SecurityException when the caller is not on the purpose's allow-list
     */
    public byte[] sign(KeyRef key, PublicKey publicKey, SignatureAlgorithm algorithm, byte[] input,
                       ServicePurpose purpose) {
        requireServerKeyPurpose(purpose);
        purpose.requireCaller();
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

    /** The content signer of an activation the caller has already checked (purpose, caller, key). */
    ContentSigner activated(KeyRef key, PublicKey publicKey, SignatureAlgorithm algorithm, ServicePurpose purpose) {
        return new ServiceContentSigner(algorithm, input -> activate(key, publicKey, algorithm, input, purpose));
    }

    private byte[] activate(KeyRef key, PublicKey publicKey, SignatureAlgorithm algorithm, byte[] input,
                            ServicePurpose purpose) {
        meters.counter("inkan.sam.service.activations", "purpose", purpose.tag()).increment();
        log.debug("service activation '{}' of key {} in token '{}' ({})", purpose.tag(), key.handle(), key.tokenName(),
                algorithm);
        return signer.sign(key, publicKey, algorithm, input);
    }

    private static void requireServerKeyPurpose(ServicePurpose purpose) {
        if (purpose.scope() != ServicePurpose.Scope.SERVER_KEY) {
            throw new IllegalArgumentException("service activation '" + purpose.tag()
                    + "' signs with a project key and goes through ProjectKeySigning");
        }
    }
}
