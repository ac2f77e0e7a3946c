package io.inkan.server.sam;

import io.inkan.core.KeyAlgorithm;
import io.inkan.core.SignatureAlgorithm;
import io.inkan.server.keys.KeyRef;
import io.inkan.server.keys.KeyToken;
import io.inkan.server.keys.Mechanism;
import io.inkan.server.keys.TokenKind;
import io.inkan.server.keys.TokenRegistry;
import io.inkan.server.testing.ExternalTools;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import javax.crypto.Cipher;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The RSA encodings {@link TokenSigner} prepares for a token, against vectors that do not come from the
 * code under test: the DigestInfo prefixes printed in RFC 8017 (section 9.2, note 1) for PKCS#1 v1.5, and
 * for PSS the block structure of RFC 8017 (section 9.1.1: salt as long as the hash, MGF1 over the same
 * hash, trailer 0xbc) checked by hand, by the JDK's verifier and by OpenSSL. The token is a stand-in
 * that does the bare RSA private operation with a JDK key and keeps the bytes it was given.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RsaEncodingVectorsTest {

    private static final String TOKEN = "vectors";
    private static final KeyRef KEY = new KeyRef(TOKEN, "rsa", KeyAlgorithm.RSA_2048);

    private KeyPair pair;
    private RecordingToken token;
    private TokenSigner signer;

    @BeforeAll
    void keys() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        pair = generator.generateKeyPair();
        token = new RecordingToken(pair);
        signer = new TokenSigner(new TokenRegistry(List.of(token), TOKEN), new SecureRandom());
    }

    /** RFC 8017, 9.2 note 1: DER of DigestInfo is this fixed prefix followed by the hash value. */
    @ParameterizedTest
    @CsvSource({
            "RSA_PKCS1_SHA256, 3031300d060960864801650304020105000420",
            "RSA_PKCS1_SHA384, 3041300d060960864801650304020205000430",
            "RSA_PKCS1_SHA512, 3051300d060960864801650304020305000440"})
    void pkcs1SignsTheDigestInfoOfRfc8017(SignatureAlgorithm algorithm, String prefix) throws Exception {
        byte[] digest = algorithm.digest().newDigest().digest("message".getBytes());
        byte[] signature = signer.sign(KEY, pair.getPublic(), algorithm, digest);

        assertThat(token.mechanism).isEqualTo(Mechanism.RSA_PKCS1);
        assertThat(HexFormat.of().formatHex(token.input)).isEqualTo(prefix + HexFormat.of().formatHex(digest));
        Signature verifier = algorithm.newVerifier();
        verifier.initVerify(pair.getPublic());
        verifier.update("message".getBytes());
        assertThat(verifier.verify(signature)).as("JDK verifies over the message").isTrue();
    }

    @ParameterizedTest
    @CsvSource({"RSA_PSS_SHA256", "RSA_PSS_SHA384", "RSA_PSS_SHA512"})
    void pssBlocksFollowRfc8017WithSaltOfHashLength(SignatureAlgorithm algorithm) throws Exception {
        byte[] digest = algorithm.digest().newDigest().digest("message".getBytes());
        byte[] signature = signer.sign(KEY, pair.getPublic(), algorithm, digest);

        assertThat(token.mechanism).isEqualTo(Mechanism.RSA_RAW);
        byte[] encoded = publicOperation(signature);
        assertThat(encoded).isEqualTo(token.input);
        assertThat(saltLength(encoded, algorithm)).isEqualTo(algorithm.digest().length());
        Signature verifier = algorithm.newVerifier();
        verifier.initVerify(pair.getPublic());
        verifier.update("message".getBytes());
        assertThat(verifier.verify(signature)).as("JDK verifies with " + algorithm.pssParameters()).isTrue();
    }

    @ParameterizedTest
    @CsvSource({"RSA_PKCS1_SHA256", "RSA_PKCS1_SHA512", "RSA_PSS_SHA256", "RSA_PSS_SHA384"})
    void openSslVerifiesTheSignatures(SignatureAlgorithm algorithm, @TempDir Path dir) throws Exception {
        Path openssl = ExternalTools.require("openssl");
        byte[] digest = algorithm.digest().newDigest().digest("message".getBytes());
        Path digestFile = Files.write(dir.resolve("digest.bin"), digest);
        Path signatureFile = Files.write(dir.resolve("signature.bin"), signer.sign(KEY, pair.getPublic(), algorithm, digest));
        Path publicKey = Files.writeString(dir.resolve("public.pem"), "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(pair.getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----\n");
        String hash = algorithm.digest().name().toLowerCase(Locale.ROOT);
        List<String> command = new ArrayList<>(List.of(openssl.toString(), "pkeyutl", "-verify", "-pubin",
                "-inkey", publicKey.toString(), "-in", digestFile.toString(), "-sigfile", signatureFile.toString(),
                "-pkeyopt", "digest:" + hash));
        if (algorithm.encoding() == SignatureAlgorithm.Encoding.PSS) {
            command.addAll(List.of("-pkeyopt", "rsa_padding_mode:pss", "-pkeyopt", "rsa_mgf1_md:" + hash,
                    "-pkeyopt", "rsa_pss_saltlen:" + algorithm.digest().length()));
        }
        ExternalTools.Result result = ExternalTools.run(command);
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("Signature Verified Successfully");
    }

    private byte[] publicOperation(byte[] signature) {
        RSAPublicKey key = (RSAPublicKey) pair.getPublic();
        byte[] value = new BigInteger(1, signature).modPow(key.getPublicExponent(), key.getModulus()).toByteArray();
        int length = (key.getModulus().bitLength() + 7) / 8;
        byte[] block = new byte[length];
        int skip = Math.max(0, value.length - length);
        System.arraycopy(value, skip, block, length - (value.length - skip), value.length - skip);
        return block;
    }

    /** EMSA-PSS decoding by hand (RFC 8017, 9.1.2) up to the salt: DB = zeros || 0x01 || salt. */
    private static int saltLength(byte[] encoded, SignatureAlgorithm algorithm) throws GeneralSecurityException {
        int hashLength = algorithm.digest().length();
        assertThat(encoded[encoded.length - 1]).as("trailer field").isEqualTo((byte) 0xbc);
        byte[] maskedDb = Arrays.copyOfRange(encoded, 0, encoded.length - hashLength - 1);
        byte[] hash = Arrays.copyOfRange(encoded, encoded.length - hashLength - 1, encoded.length - 1);
        byte[] mask = mgf1(algorithm, hash, maskedDb.length);
        byte[] db = new byte[maskedDb.length];
        for (int i = 0; i < db.length; i++) {
            db[i] = (byte) (maskedDb[i] ^ mask[i]);
        }
        db[0] &= 0x7f; // a 2048-bit modulus leaves the top bit of the block unused (emBits = 2047)
        int separator = 0;
        while (db[separator] == 0) {
            separator++;
        }
        assertThat(db[separator]).as("0x01 after the padding string").isEqualTo((byte) 1);
        return db.length - separator - 1;
    }

    private static byte[] mgf1(SignatureAlgorithm algorithm, byte[] seed, int length) {
        byte[] mask = new byte[length];
        int filled = 0;
        for (int counter = 0; filled < length; counter++) {
            var digest = algorithm.digest().newDigest();
            digest.update(seed);
            digest.update(new byte[] {(byte) (counter >>> 24), (byte) (counter >>> 16), (byte) (counter >>> 8), (byte) counter});
            byte[] block = digest.digest();
            int take = Math.min(block.length, length - filled);
            System.arraycopy(block, 0, mask, filled, take);
            filled += take;
        }
        return mask;
    }

    /** A token holding one JDK RSA key: the bare private operation, remembering what it was asked to sign. */
    private static final class RecordingToken implements KeyToken {

        private final KeyPair pair;
        private Mechanism mechanism;
        private byte[] input;

        RecordingToken(KeyPair pair) {
            this.pair = pair;
        }

        @Override
        public String name() {
            return TOKEN;
        }

        @Override
        public TokenKind kind() {
            return TokenKind.SOFTWARE;
        }

        @Override
        public byte[] sign(String handle, KeyAlgorithm algorithm, Mechanism mechanism, byte[] input, SigningPermit permit) {
            this.mechanism = mechanism;
            this.input = input.clone();
            try {
                Cipher rsa = Cipher.getInstance(mechanism == Mechanism.RSA_PKCS1 ? "RSA/ECB/PKCS1Padding" : "RSA/ECB/NoPadding");
                rsa.init(Cipher.ENCRYPT_MODE, pair.getPrivate());
                return rsa.doFinal(input);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public PublicKey generate(String handle, KeyAlgorithm algorithm) {
            throw new UnsupportedOperationException();
        }

        @Override
        public PublicKey generateImportKey(String handle) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void unwrap(String importHandle, PublicKey importKey, String handle, KeyAlgorithm algorithm, byte[] wrapped) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean destroy(String handle) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void close() {
        }
    }
}
