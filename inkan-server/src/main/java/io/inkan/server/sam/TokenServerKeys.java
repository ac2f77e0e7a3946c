package io.inkan.server.sam;

import io.inkan.client.keys.KeyImportScheme;
import io.inkan.core.KeyAlgorithm;
import io.inkan.core.SignatureAlgorithm;
import io.inkan.server.infra.serverkeys.ServerKey;
import io.inkan.server.infra.serverkeys.ServerKeyTokens;
import io.inkan.server.keys.KeyRef;
import io.inkan.server.keys.KeyToken;
import io.inkan.server.keys.TokenException;
import io.inkan.server.keys.TokenRegistry;
import io.inkan.server.keys.WrappedKeyException;
import org.springframework.stereotype.Component;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.HexFormat;

/**
 * The tokens as the server-key strategy ({@code infra.serverkeys.ServerKeys}) sees them: generate, prove,
 * destroy. A proof signs only a challenge this class draws itself, under the purpose
 * {@link ServicePurpose#SERVER_KEY_PROOF}, so the strategy can check a key without being able to sign
 * anything chosen by a caller. An import key cannot sign: it is proven by unwrapping a throw-away EC key
 * wrapped under its stored public half, which only its private half can do, then signing a challenge
 * with that throw-away key, which is destroyed at once.
 */
@Component
class TokenServerKeys implements ServerKeyTokens {

    private static final int CHALLENGE_BYTES = 32;

    private final TokenRegistry tokens;
    private final ServiceSigning signing;
    private final SecureRandom random;

    TokenServerKeys(TokenRegistry tokens, ServiceSigning signing, SecureRandom random) {
        this.tokens = tokens;
        this.signing = signing;
        this.random = random;
    }

    @Override
    public ServerKey generate(String tokenName, String handlePrefix, KeyAlgorithm algorithm, ServerKey.Use use) {
        KeyToken token = tokens.get(tokenName);
        String handle = handlePrefix + freshSuffix();
        PublicKey publicKey = use == ServerKey.Use.UNWRAPS ? token.generateImportKey(handle)
                : token.generate(handle, algorithm);
        return new ServerKey(token.name(), handle, algorithm, publicKey, use);
    }

    @Override
    public boolean proves(ServerKey key) {
        return key.use() == ServerKey.Use.UNWRAPS ? unwrapProves(key)
                : signs(new KeyRef(key.tokenName(), key.handle(), key.algorithm()), key.publicKey());
    }

    @Override
    public void destroy(ServerKey key) {
        tokens.get(key.tokenName()).destroy(key.handle());
    }

    private boolean signs(KeyRef ref, PublicKey publicKey) {
        SignatureAlgorithm algorithm = ServiceSigning.certificateAlgorithm(ref.algorithm());
        byte[] challenge = new byte[CHALLENGE_BYTES];
        random.nextBytes(challenge);
        byte[] input = algorithm.isPrehashed() ? algorithm.digest().newDigest().digest(challenge) : challenge;
        try {
            byte[] signature = signing.sign(ref, publicKey, algorithm, input, ServicePurpose.SERVER_KEY_PROOF);
            Signature verifier = algorithm.newVerifier();
            verifier.initVerify(publicKey);
            verifier.update(challenge);
            return verifier.verify(signature);
        } catch (GeneralSecurityException | TokenException e) {
            return false;
        }
    }

    private boolean unwrapProves(ServerKey importKey) {
        KeyToken token = tokens.get(importKey.tokenName());
        KeyRef throwAway = new KeyRef(token.name(), "inkan-proof-" + freshSuffix(), KeyAlgorithm.EC_P256);
        KeyPair pair;
        byte[] wrapped;
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), random);
            pair = generator.generateKeyPair();
            wrapped = KeyImportScheme.wrap(importKey.publicKey(), pair.getPrivate().getEncoded(), random);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot prepare the proof of the import key of token '" + token.name() + "'", e);
        }
        try {
            token.unwrap(importKey.handle(), importKey.publicKey(), throwAway.handle(), throwAway.algorithm(), wrapped);
        } catch (WrappedKeyException | TokenException e) {
            return false;
        }
        try {
            return signs(throwAway, pair.getPublic());
        } finally {
            token.destroy(throwAway.handle());
        }
    }

    private String freshSuffix() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
