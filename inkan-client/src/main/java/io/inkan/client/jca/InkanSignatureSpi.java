package io.inkan.client.jca;

import io.inkan.client.InkanException;
import io.inkan.core.DigestAlgorithm;
import io.inkan.core.KeyFamily;
import io.inkan.core.SignatureAlgorithm;

import java.io.ByteArrayOutputStream;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.InvalidKeyException;
import java.security.InvalidParameterException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.ProviderException;
import java.security.PublicKey;
import java.security.SignatureException;
import java.security.SignatureSpi;
import java.security.spec.AlgorithmParameterSpec;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;

/**
 * A signature computed by the Inkan server: the message is hashed here and only the digest is sent (for
 * pure Ed25519, the message itself, which must then be at most 1 KiB, as signed attributes are). It only
 * signs; verification is left to the JDK's providers, which need no server.
 *
 * <p>{@code RSASSA-PSS} takes its hash from {@link #engineSetParameter(AlgorithmParameterSpec)} and
 * accepts only what the server produces: MGF1 with the same hash and a salt as long as the hash.
 */
final class InkanSignatureSpi extends SignatureSpi {

    private final KeyFamily family;
    private final boolean fixed;
    private SignatureAlgorithm algorithm;
    private InkanPrivateKey key;
    private MessageDigest digest;
    private ByteArrayOutputStream message;

    /** A fixed algorithm, or {@code null} with {@code family} RSA for {@code RSASSA-PSS}. */
    InkanSignatureSpi(KeyFamily family, SignatureAlgorithm algorithm) {
        this.family = family;
        this.algorithm = algorithm;
        this.fixed = algorithm != null;
    }

    @Override
    protected void engineInitSign(PrivateKey privateKey) throws InvalidKeyException {
        if (!(privateKey instanceof InkanPrivateKey inkanKey)) {
            throw new InvalidKeyException("the Inkan provider signs only with keys from its own key store");
        }
        if (inkanKey.keyAlgorithm().family() != family) {
            throw new InvalidKeyException(inkanKey.keyAlgorithm() + " key cannot make " + family + " signatures");
        }
        key = inkanKey;
        reset();
    }

    @Override
    protected void engineInitVerify(PublicKey publicKey) throws InvalidKeyException {
        throw new InvalidKeyException("the Inkan provider only signs; verify with the JDK's providers");
    }

    @Override
    protected void engineUpdate(byte b) throws SignatureException {
        engineUpdate(new byte[] {b}, 0, 1);
    }

    @Override
    protected void engineUpdate(byte[] bytes, int offset, int length) throws SignatureException {
        requireInitialized();
        if (digest != null) {
            digest.update(bytes, offset, length);
        } else {
            if (message.size() + length > SignatureAlgorithm.MAX_PURE_INPUT) {
                throw new SignatureException("pure Ed25519 through Inkan signs at most "
                        + SignatureAlgorithm.MAX_PURE_INPUT + " bytes (e.g. signed attributes), not whole files");
            }
            message.write(bytes, offset, length);
        }
    }

    @Override
    protected byte[] engineSign() throws SignatureException {
        requireInitialized();
        byte[] input = digest != null ? digest.digest() : message.toByteArray();
        reset();
        try {
            return key.signer().sign(algorithm, input);
        } catch (InkanException | IllegalStateException e) {
            throw new SignatureException("Inkan server did not sign: " + e.getMessage(), e);
        }
    }

    @Override
    protected boolean engineVerify(byte[] signature) throws SignatureException {
        throw new SignatureException("the Inkan provider only signs");
    }

    @Override
    protected void engineSetParameter(AlgorithmParameterSpec params) throws InvalidAlgorithmParameterException {
        if (family != KeyFamily.RSA || (algorithm != null && algorithm.encoding() != SignatureAlgorithm.Encoding.PSS)) {
            if (params == null) {
                return;
            }
            throw new InvalidAlgorithmParameterException("no parameters for " + algorithm);
        }
        if (!(params instanceof PSSParameterSpec pss)) {
            throw new InvalidAlgorithmParameterException("RSASSA-PSS needs a PSSParameterSpec");
        }
        SignatureAlgorithm chosen = pssAlgorithm(pss);
        if (fixed && chosen != algorithm) {
            throw new InvalidAlgorithmParameterException(algorithm + " cannot take parameters for " + chosen);
        }
        if (!sameMgf(pss, chosen.digest()) || pss.getSaltLength() != chosen.digest().length()
                || pss.getTrailerField() != PSSParameterSpec.TRAILER_FIELD_BC) {
            throw new InvalidAlgorithmParameterException("Inkan signs RSASSA-PSS only with MGF1 over the same hash, "
                    + "salt length = hash length and trailer field 1");
        }
        algorithm = chosen;
        reset();
    }

    @Override
    protected AlgorithmParameters engineGetParameters() {
        if (algorithm == null || algorithm.encoding() != SignatureAlgorithm.Encoding.PSS) {
            return null;
        }
        try {
            AlgorithmParameters parameters = AlgorithmParameters.getInstance("RSASSA-PSS");
            parameters.init(algorithm.pssParameters());
            return parameters;
        } catch (GeneralSecurityException e) {
            throw new ProviderException("JDK cannot encode standard PSS parameters", e);
        }
    }

    @Override
    @Deprecated
    protected void engineSetParameter(String param, Object value) {
        throw new InvalidParameterException("no such parameter: " + param);
    }

    @Override
    @Deprecated
    protected Object engineGetParameter(String param) {
        throw new InvalidParameterException("no such parameter: " + param);
    }

    private static SignatureAlgorithm pssAlgorithm(PSSParameterSpec pss) throws InvalidAlgorithmParameterException {
        for (SignatureAlgorithm candidate : SignatureAlgorithm.values()) {
            if (candidate.encoding() == SignatureAlgorithm.Encoding.PSS
                    && sameHash(candidate.digest(), pss.getDigestAlgorithm())) {
                return candidate;
            }
        }
        throw new InvalidAlgorithmParameterException("unsupported PSS hash " + pss.getDigestAlgorithm());
    }

    private static boolean sameMgf(PSSParameterSpec pss, DigestAlgorithm digest) {
        return "MGF1".equalsIgnoreCase(pss.getMGFAlgorithm())
                && pss.getMGFParameters() instanceof MGF1ParameterSpec mgf
                && sameHash(digest, mgf.getDigestAlgorithm());
    }

    private static boolean sameHash(DigestAlgorithm digest, String name) {
        return digest.jcaName().replace("-", "").equalsIgnoreCase(name.replace("-", ""));
    }

    private void requireInitialized() throws SignatureException {
        if (key == null) {
            throw new SignatureException("not initialized for signing");
        }
        if (algorithm == null) {
            throw new SignatureException("RSASSA-PSS needs PSSParameterSpec parameters before use");
        }
    }

    private void reset() {
        digest = null;
        message = null;
        if (algorithm != null && key != null) {
            if (algorithm.isPrehashed()) {
                digest = algorithm.digest().newDigest();
            } else {
                message = new ByteArrayOutputStream();
            }
        }
    }
}
