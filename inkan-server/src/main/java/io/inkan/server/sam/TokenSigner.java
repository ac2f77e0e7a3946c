package io.inkan.server.sam;

import io.inkan.core.DigestAlgorithm;
import io.inkan.core.SignatureAlgorithm;
import io.inkan.server.keys.KeyRef;
import io.inkan.server.keys.KeyToken;
import io.inkan.server.keys.Mechanism;
import io.inkan.server.keys.TokenException;
import io.inkan.server.keys.TokenRegistry;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.DigestInfo;
import org.bouncycastle.crypto.AsymmetricBlockCipher;
import org.bouncycastle.crypto.CipherParameters;
import org.bouncycastle.crypto.CryptoException;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.params.ParametersWithRandom;
import org.bouncycastle.crypto.params.RSAKeyParameters;
import org.bouncycastle.crypto.signers.PSSSigner;
import org.bouncycastle.crypto.util.DigestFactory;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;

/**
 * The only code that applies a private key (M1): turns "sign this digest with this algorithm" into one
 * raw token {@link Mechanism}. It builds the DigestInfo for PKCS#1 v1.5 and the EMSA-PSS block for PSS,
 * so tokens only ever apply the private key and every token produces byte-for-byte standard signatures.
 *
 * <p>Package-private on purpose: outside the Signature Activation Module nobody can reach it. It is the
 * one class that creates the {@link SigningPermit} a token's {@code sign} demands, so no other class can
 * make a token sign, and {@code SignatureActivationArchitectureTest} fails the build if any other class
 * calls or references a token's {@code sign} or creates a permit. Callers get there only with an
 * activation: a verified SAD for client digests, or a recorded service activation for the server's own keys.
 */
@Component
class TokenSigner {

    private final TokenRegistry tokens;
    private final SecureRandom random;

    TokenSigner(TokenRegistry tokens, SecureRandom random) {
        this.tokens = tokens;
        this.random = random;
    }

    /**
     * Signs {@code input}: a digest of {@code algorithm.digest()} for pre-hashed algorithms, the message
     * itself for pure Ed25519. Callers have already checked lengths and permissions.
     */
    byte[] sign(KeyRef key, PublicKey publicKey, SignatureAlgorithm algorithm, byte[] input) {
        if (algorithm.keyFamily() != key.algorithm().family()) {
            throw new IllegalArgumentException(algorithm + " cannot be used with a " + key.algorithm() + " key");
        }
        KeyToken token = tokens.get(key.tokenName());
        SigningPermit permit = new SigningPermit(key.handle());
        return switch (algorithm.encoding()) {
            case PKCS1 -> token.sign(key.handle(), key.algorithm(), Mechanism.RSA_PKCS1,
                    digestInfo(algorithm.digest(), input), permit);
            case PSS -> pss(token, key, (RSAPublicKey) publicKey, algorithm.digest(), input, permit);
            case DER -> token.sign(key.handle(), key.algorithm(), Mechanism.ECDSA_DER, input, permit);
            case P1363 -> token.sign(key.handle(), key.algorithm(), Mechanism.ECDSA_P1363, input, permit);
            case PURE -> token.sign(key.handle(), key.algorithm(), Mechanism.EDDSA, input, permit);
        };
    }

    private static byte[] digestInfo(DigestAlgorithm digest, byte[] value) {
        AlgorithmIdentifier id = new AlgorithmIdentifier(new ASN1ObjectIdentifier(digest.oid()), DERNull.INSTANCE);
        try {
            return new DigestInfo(id, value).getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new IllegalStateException("DER encoding of a DigestInfo failed", e);
        }
    }

    private byte[] pss(KeyToken token, KeyRef key, RSAPublicKey publicKey, DigestAlgorithm digest, byte[] value,
                       SigningPermit permit) {
        PSSSigner signer = PSSSigner.createRawSigner(new TokenRsaPrimitive(token, key, publicKey, permit),
                bcDigest(digest), bcDigest(digest), digest.length(), PSSSigner.TRAILER_IMPLICIT);
        signer.init(true, new ParametersWithRandom(
                new RSAKeyParameters(true, publicKey.getModulus(), publicKey.getPublicExponent()), random));
        signer.update(value, 0, value.length);
        try {
            return signer.generateSignature();
        } catch (CryptoException e) {
            throw new TokenException("PSS encoding failed for key " + key.handle());
        }
    }

    private static Digest bcDigest(DigestAlgorithm digest) {
        return switch (digest) {
            case SHA256 -> DigestFactory.createSHA256();
            case SHA384 -> DigestFactory.createSHA384();
            case SHA512 -> DigestFactory.createSHA512();
        };
    }

    /** Lets Bouncy Castle's EMSA-PSS encoder hand its block to the token's raw RSA operation. */
    private static final class TokenRsaPrimitive implements AsymmetricBlockCipher {
        private final KeyToken token;
        private final KeyRef key;
        private final SigningPermit permit;
        private final int modulusBytes;

        TokenRsaPrimitive(KeyToken token, KeyRef key, RSAPublicKey publicKey, SigningPermit permit) {
            this.token = token;
            this.key = key;
            this.permit = permit;
            this.modulusBytes = (publicKey.getModulus().bitLength() + 7) / 8;
        }

        @Override
        public void init(boolean forEncryption, CipherParameters params) {
            // The private key never leaves the token; there is nothing to initialise here.
        }

        @Override
        public int getInputBlockSize() {
            return modulusBytes;
        }

        @Override
        public int getOutputBlockSize() {
            return modulusBytes;
        }

        @Override
        public byte[] processBlock(byte[] in, int offset, int length) {
            byte[] block = new byte[modulusBytes];
            System.arraycopy(in, offset, block, modulusBytes - length, length);
            byte[] result = token.sign(key.handle(), key.algorithm(), Mechanism.RSA_RAW, block, permit);
            Arrays.fill(block, (byte) 0);
            return result;
        }
    }
}
