package io.inkan.server.keys.pkcs11;

import io.inkan.core.KeyAlgorithm;
import io.inkan.core.KeyFamily;
import io.inkan.server.keys.KeyToken;
import io.inkan.server.keys.Mechanism;
import io.inkan.server.keys.TokenException;
import io.inkan.server.keys.TokenKind;
import io.inkan.server.sam.TestPermits;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.DigestInfo;
import org.bouncycastle.crypto.AsymmetricBlockCipher;
import org.bouncycastle.crypto.CipherParameters;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.params.ParametersWithRandom;
import org.bouncycastle.crypto.params.RSAKeyParameters;
import org.bouncycastle.crypto.signers.PSSSigner;
import org.bouncycastle.crypto.util.DigestFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import sun.security.pkcs11.wrapper.CK_ATTRIBUTE;
import sun.security.pkcs11.wrapper.PKCS11;
import sun.security.pkcs11.wrapper.PKCS11Exception;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.EdECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.NamedParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static sun.security.pkcs11.wrapper.PKCS11Constants.CKA_ALWAYS_SENSITIVE;
import static sun.security.pkcs11.wrapper.PKCS11Constants.CKA_CLASS;
import static sun.security.pkcs11.wrapper.PKCS11Constants.CKA_EXTRACTABLE;
import static sun.security.pkcs11.wrapper.PKCS11Constants.CKA_LABEL;
import static sun.security.pkcs11.wrapper.PKCS11Constants.CKA_NEVER_EXTRACTABLE;
import static sun.security.pkcs11.wrapper.PKCS11Constants.CKA_PRIVATE;
import static sun.security.pkcs11.wrapper.PKCS11Constants.CKA_PRIVATE_EXPONENT;
import static sun.security.pkcs11.wrapper.PKCS11Constants.CKA_SENSITIVE;
import static sun.security.pkcs11.wrapper.PKCS11Constants.CKA_TOKEN;
import static sun.security.pkcs11.wrapper.PKCS11Constants.CKA_VALUE;
import static sun.security.pkcs11.wrapper.PKCS11Constants.CKF_SERIAL_SESSION;
import static sun.security.pkcs11.wrapper.PKCS11Constants.CKO_PRIVATE_KEY;

/**
 * {@link Pkcs11Token} against a SoftHSM2 token: every key algorithm with every mechanism that fits it,
 * each signature checked by the JDK's default providers, plus lookup after a restart, key protection,
 * failures and concurrency.
 */
class Pkcs11TokenTest {

    private static final byte[] MESSAGE = "bytes a client asked Inkan to sign".getBytes(StandardCharsets.UTF_8);
    private static final byte[] OTHER_MESSAGE = "other bytes".getBytes(StandardCharsets.UTF_8);

    private static SoftHsmFixture hsm;
    private static Pkcs11Token token;
    private static final Map<KeyAlgorithm, String> handles = new EnumMap<>(KeyAlgorithm.class);
    private static final Map<KeyAlgorithm, PublicKey> publicKeys = new EnumMap<>(KeyAlgorithm.class);

    @BeforeAll
    static void openToken() {
        hsm = SoftHsmFixture.shared();
        token = new Pkcs11Token(hsm.settings("hsm"));
    }

    @AfterAll
    static void closeToken() {
        if (token != null) {
            token.close();
        }
    }

    /** One key per algorithm, generated on first use (RSA-4096 takes a while). */
    private static synchronized String key(KeyAlgorithm algorithm) {
        return handles.computeIfAbsent(algorithm, a -> {
            String handle = a.name().toLowerCase() + "-" + UUID.randomUUID();
            publicKeys.put(a, token.generate(handle, a));
            return handle;
        });
    }

    private static synchronized PublicKey publicKey(KeyAlgorithm algorithm) {
        key(algorithm);
        return publicKeys.get(algorithm);
    }

    @Test
    void describesItself() {
        assertThat(token.name()).isEqualTo("hsm");
        assertThat(token.kind()).isEqualTo(TokenKind.PKCS11);
    }

    @ParameterizedTest
    @EnumSource(KeyAlgorithm.class)
    void generatesKeysWhosePublicHalfIsAStandardJdkKey(KeyAlgorithm algorithm) {
        PublicKey publicKey = publicKey(algorithm);

        assertThat(publicKey.getClass().getName()).startsWith("sun.security.").doesNotContain("pkcs11");
        assertThat(publicKey.getAlgorithm()).isEqualTo(algorithm.family() == KeyFamily.ED25519 ? "EdDSA"
                : algorithm.family().jcaName());
        switch (algorithm.family()) {
            case RSA -> {
                RSAPublicKey rsa = (RSAPublicKey) publicKey;
                assertThat(rsa.getModulus().bitLength()).isEqualTo(algorithm.bits());
                assertThat(rsa.getPublicExponent()).isEqualTo(65537);
            }
            case EC -> assertThat(((ECPublicKey) publicKey).getParams().getCurve().getField().getFieldSize())
                    .isEqualTo(algorithm.bits());
            case ED25519 -> assertThat(((NamedParameterSpec) ((EdECPublicKey) publicKey).getParams()).getName())
                    .isEqualTo("Ed25519");
        }
    }

    /** A key algorithm, a mechanism that applies to it, and the hash the client would have used. */
    record Case(KeyAlgorithm key, Mechanism mechanism, String hash) {
    }

    static Stream<Case> cases() {
        List<Case> cases = new ArrayList<>();
        List<String> hashes = List.of("SHA-256", "SHA-384", "SHA-512");
        for (KeyAlgorithm key : KeyAlgorithm.values()) {
            List<Mechanism> mechanisms = switch (key.family()) {
                case RSA -> List.of(Mechanism.RSA_PKCS1, Mechanism.RSA_RAW);
                case EC -> List.of(Mechanism.ECDSA_DER, Mechanism.ECDSA_P1363);
                case ED25519 -> List.of(Mechanism.EDDSA);
            };
            for (Mechanism mechanism : mechanisms) {
                if (mechanism == Mechanism.EDDSA) {
                    cases.add(new Case(key, mechanism, null));
                } else {
                    hashes.forEach(hash -> cases.add(new Case(key, mechanism, hash)));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest
    @MethodSource("cases")
    void signaturesVerifyWithTheJdk(Case c) throws Exception {
        byte[] signature = sign(token, key(c.key()), c, MESSAGE);

        assertThat(verify(c, publicKey(c.key()), MESSAGE, signature)).isTrue();
        assertThat(verify(c, publicKey(c.key()), OTHER_MESSAGE, signature)).isFalse();
        if (c.mechanism() == Mechanism.ECDSA_P1363) {
            assertThat(signature).hasSize(2 * ((c.key().bits() + 7) / 8));
        }
    }

    @Test
    void aNewInstanceFindsKeysAnEarlierInstanceGenerated() throws Exception {
        Map<KeyAlgorithm, String> generated = new EnumMap<>(KeyAlgorithm.class);
        Map<KeyAlgorithm, PublicKey> keys = new EnumMap<>(KeyAlgorithm.class);
        try (Pkcs11Token first = new Pkcs11Token(hsm.settings("first"))) {
            for (KeyAlgorithm algorithm : List.of(KeyAlgorithm.RSA_2048, KeyAlgorithm.EC_P384, KeyAlgorithm.ED25519)) {
                String handle = "restart-" + UUID.randomUUID();
                generated.put(algorithm, handle);
                keys.put(algorithm, first.generate(handle, algorithm));
            }
        }

        try (Pkcs11Token second = new Pkcs11Token(hsm.settings("second"))) {
            for (Case c : List.of(new Case(KeyAlgorithm.RSA_2048, Mechanism.RSA_PKCS1, "SHA-256"),
                    new Case(KeyAlgorithm.EC_P384, Mechanism.ECDSA_DER, "SHA-384"),
                    new Case(KeyAlgorithm.ED25519, Mechanism.EDDSA, null))) {
                byte[] signature = sign(second, generated.get(c.key()), c, MESSAGE);
                assertThat(verify(c, keys.get(c.key()), MESSAGE, signature)).as(c.toString()).isTrue();
            }
        }
    }

    @Test
    void selectsASlotByIdAndReadsThePinFromAFile(@TempDir Path dir) throws Exception {
        Path pinFile = Files.writeString(dir.resolve("pin"), hsm.pin() + "\n");
        long slot = Pkcs11Slots.resolve(pkcs11(), hsm.settings("lookup"));
        Pkcs11TokenSettings settings = new Pkcs11TokenSettings("by-slot", SoftHsmFixture.LIBRARY, null, slot, null,
                pinFile.toString(), null);
        Case c = new Case(KeyAlgorithm.EC_P256, Mechanism.ECDSA_P1363, "SHA-256");

        try (Pkcs11Token bySlot = new Pkcs11Token(settings)) {
            byte[] signature = sign(bySlot, key(c.key()), c, MESSAGE);
            assertThat(verify(c, publicKey(c.key()), MESSAGE, signature)).isTrue();
        }
    }

    @Test
    void privateKeysAreSensitiveAndNeverExtractableForPkcs11Tool() {
        Arrays.stream(KeyAlgorithm.values()).forEach(Pkcs11TokenTest::key);

        List<String> objects = List.of(hsm.listObjects().split("\n(?=\\S)"));

        for (KeyAlgorithm algorithm : KeyAlgorithm.values()) {
            String handle = handles.get(algorithm);
            String privateKey = object(objects, "Private Key Object", handle);
            assertThat(privateKey).as(algorithm.name())
                    .containsPattern("ID:\\s+" + hex(handle) + "\n")
                    .containsPattern("Usage:\\s+sign\n")
                    .containsPattern("Access:\\s+sensitive, always sensitive, never extractable, local");
            assertThat(object(objects, "Public Key Object", handle)).as(algorithm.name())
                    .containsPattern("ID:\\s+" + hex(handle) + "\n");
        }
    }

    @ParameterizedTest
    @EnumSource(KeyAlgorithm.class)
    void theJdkCannotReadAPrivateKey(KeyAlgorithm algorithm) throws Exception {
        PKCS11 module = pkcs11();
        long slot = Pkcs11Slots.resolve(module, hsm.settings("lookup"));
        long session = module.C_OpenSession(slot, CKF_SERIAL_SESSION, null, null);
        try {
            long object = findPrivateKeyByLabel(module, session, key(algorithm));
            CK_ATTRIBUTE[] flags = {
                    attribute(CKA_TOKEN),
                    attribute(CKA_PRIVATE),
                    attribute(CKA_SENSITIVE),
                    attribute(CKA_ALWAYS_SENSITIVE),
                    attribute(CKA_EXTRACTABLE),
                    attribute(CKA_NEVER_EXTRACTABLE)
            };
            module.C_GetAttributeValue(session, object, flags);
            assertThat(Stream.of(flags).map(CK_ATTRIBUTE::getBoolean))
                    .containsExactly(true, true, true, true, false, true);

            long secret = algorithm.family() == KeyFamily.RSA ? CKA_PRIVATE_EXPONENT : CKA_VALUE;
            assertThatThrownBy(() -> module.C_GetAttributeValue(session, object, new CK_ATTRIBUTE[] {attribute(secret)}))
                    .isInstanceOf(PKCS11Exception.class)
                    .hasMessageContaining("CKR_ATTRIBUTE_SENSITIVE");
        } finally {
            module.C_CloseSession(session);
        }
    }

    @Test
    void anUnknownHandleIsATokenException() {
        assertThatThrownBy(() -> token.sign("missing", KeyAlgorithm.EC_P256, Mechanism.ECDSA_DER,
                new byte[32], TestPermits.forKey("missing")))
                .isInstanceOf(TokenException.class)
                .hasMessage("no key 'missing' in token 'hsm'");
    }

    @Test
    void signsOnlyWithThePermitOfTheSamForThatKey() {
        String handle = key(KeyAlgorithm.EC_P256);
        String other = key(KeyAlgorithm.EC_P384);
        assertThatThrownBy(() -> token.sign(handle, KeyAlgorithm.EC_P256, Mechanism.ECDSA_DER, new byte[32], null))
                .isInstanceOf(SecurityException.class);
        assertThatThrownBy(() -> token.sign(handle, KeyAlgorithm.EC_P256, Mechanism.ECDSA_DER, new byte[32],
                TestPermits.forKey(other)))
                .isInstanceOf(SecurityException.class);
        assertThat(token.sign(handle, KeyAlgorithm.EC_P256, Mechanism.ECDSA_DER, new byte[32],
                TestPermits.forKey(handle))).isNotEmpty();
    }

    @Test
    void refusesToGenerateUnderAHandleThatExists() {
        String handle = key(KeyAlgorithm.EC_P256);

        assertThatThrownBy(() -> token.generate(handle, KeyAlgorithm.EC_P256))
                .isInstanceOf(TokenException.class)
                .hasMessage("key '" + handle + "' already exists in token 'hsm'");
    }

    @Test
    void rejectsAMechanismForAnotherKeyFamily() {
        String handle = key(KeyAlgorithm.EC_P256);

        assertThatThrownBy(() -> token.sign(handle, KeyAlgorithm.EC_P256, Mechanism.RSA_PKCS1,
                new byte[51], TestPermits.forKey(handle)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("RSA_PKCS1 does not apply to EC_P256 keys");
    }

    @Test
    void rejectsARawRsaBlockThatIsNotAsLongAsTheModulus() {
        String handle = key(KeyAlgorithm.RSA_2048);

        // SoftHSM2 2.6.1 would end the JVM on the longer block.
        for (int length : new int[] {255, 257}) {
            assertThatThrownBy(() -> token.sign(handle, KeyAlgorithm.RSA_2048, Mechanism.RSA_RAW,
                    new byte[length], TestPermits.forKey(handle)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("RSA_RAW needs a block of 256 bytes for RSA_2048, not " + length);
        }
    }

    @Test
    void aFailedOperationNamesTheErrorAndLeavesTheTokenUsable() throws Exception {
        String handle = key(KeyAlgorithm.RSA_2048);

        // PKCS#1 v1.5 padding needs 11 bytes of the 256; SoftHSM2 reports the overlong DigestInfo generically.
        assertThatThrownBy(() -> token.sign(handle, KeyAlgorithm.RSA_2048, Mechanism.RSA_PKCS1,
                new byte[246], TestPermits.forKey(handle)))
                .isInstanceOf(TokenException.class)
                .hasMessage("token 'hsm' could not sign with key '" + handle + "' (RSA_PKCS1): CKR_GENERAL_ERROR");

        Case c = new Case(KeyAlgorithm.RSA_2048, Mechanism.RSA_PKCS1, "SHA-256");
        assertThat(verify(c, publicKey(c.key()), MESSAGE, sign(token, handle, c, MESSAGE))).isTrue();
    }

    @Test
    void anUnknownTokenLabelIsATokenException() {
        Pkcs11TokenSettings settings = new Pkcs11TokenSettings("nowhere", SoftHsmFixture.LIBRARY, "no-such-label",
                null, hsm.pin(), null, null);

        assertThatThrownBy(() -> new Pkcs11Token(settings))
                .isInstanceOf(TokenException.class)
                .hasMessage("no tokens labelled 'no-such-label' in " + SoftHsmFixture.LIBRARY + " for token 'nowhere'");
    }

    @Test
    void aRelativeLibraryPathIsRefused() {
        Pkcs11TokenSettings settings = new Pkcs11TokenSettings("relative", "libsofthsm2.so", hsm.label(), null,
                hsm.pin(), null, null);

        assertThatThrownBy(() -> new Pkcs11Token(settings))
                .isInstanceOf(TokenException.class)
                .hasMessage("the PKCS#11 library of token 'relative' must be an absolute path");
    }

    @Test
    void aClosedTokenRefusesToSign() {
        String handle = key(KeyAlgorithm.EC_P256);
        Pkcs11Token closed = new Pkcs11Token(hsm.settings("closed"));
        closed.close();

        assertThatThrownBy(() -> closed.sign(handle, KeyAlgorithm.EC_P256, Mechanism.ECDSA_DER, new byte[32],
                TestPermits.forKey(handle)))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void sixteenThreadsSignConcurrently() throws Exception {
        int threads = 16;
        int perThread = 50;
        Case rsa = new Case(KeyAlgorithm.RSA_2048, Mechanism.RSA_PKCS1, "SHA-256");
        Case ec = new Case(KeyAlgorithm.EC_P256, Mechanism.ECDSA_DER, "SHA-256");
        String rsaHandle = key(rsa.key());
        String ecHandle = key(ec.key());
        // The JDK serialises every call through a SynchronizedPKCS11 unless the module may lock itself.
        assertThat(pkcs11().getClass()).isEqualTo(PKCS11.class);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Integer>> verified = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                verified.add(pool.submit(() -> {
                    start.await();
                    int count = 0;
                    for (int i = 0; i < perThread; i++) {
                        byte[] message = ("thread " + thread + " message " + i).getBytes(StandardCharsets.UTF_8);
                        for (Case c : List.of(rsa, ec)) {
                            String handle = c == rsa ? rsaHandle : ecHandle;
                            if (verify(c, publicKey(c.key()), message, sign(token, handle, c, message))) {
                                count++;
                            }
                        }
                    }
                    return count;
                }));
            }
            long started = System.nanoTime();
            start.countDown();
            int total = 0;
            for (Future<Integer> result : verified) {
                total += result.get(5, TimeUnit.MINUTES);
            }
            System.out.printf("%d threads: %d verified signatures in %d ms%n", threads, total,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
            assertThat(total).isEqualTo(threads * perThread * 2);
        } finally {
            pool.shutdownNow();
        }
    }

    // --- signing as Inkan's KeySigner would prepare it, and verifying with the JDK ---

    private static byte[] sign(KeyToken token, String handle, Case c, byte[] message) throws Exception {
        return switch (c.mechanism()) {
            case RSA_PKCS1 -> token.sign(handle, c.key(), c.mechanism(),
                    digestInfo(c.hash(), message), TestPermits.forKey(handle));
            case RSA_RAW -> pss(token, handle, c, message);
            case ECDSA_DER, ECDSA_P1363 -> token.sign(handle, c.key(), c.mechanism(),
                    digest(c.hash(), message), TestPermits.forKey(handle));
            case EDDSA -> token.sign(handle, c.key(), c.mechanism(), message, TestPermits.forKey(handle));
        };
    }

    private static boolean verify(Case c, PublicKey publicKey, byte[] message, byte[] signature) throws Exception {
        String hash = c.hash() == null ? null : c.hash().replace("-", "");
        Signature verifier = switch (c.mechanism()) {
            case RSA_PKCS1 -> Signature.getInstance(hash + "withRSA");
            case RSA_RAW -> {
                Signature pss = Signature.getInstance("RSASSA-PSS");
                pss.setParameter(new PSSParameterSpec(c.hash(), "MGF1", new MGF1ParameterSpec(c.hash()),
                        MessageDigest.getInstance(c.hash()).getDigestLength(), 1));
                yield pss;
            }
            case ECDSA_DER -> Signature.getInstance(hash + "withECDSA");
            case ECDSA_P1363 -> Signature.getInstance(hash + "withECDSAinP1363Format");
            case EDDSA -> Signature.getInstance("Ed25519");
        };
        verifier.initVerify(publicKey);
        verifier.update(message);
        return verifier.verify(signature);
    }

    private static byte[] digest(String hash, byte[] message) throws Exception {
        return MessageDigest.getInstance(hash).digest(message);
    }

    private static byte[] digestInfo(String hash, byte[] message) throws Exception {
        ASN1ObjectIdentifier oid = switch (hash) {
            case "SHA-256" -> NISTObjectIdentifiers.id_sha256;
            case "SHA-384" -> NISTObjectIdentifiers.id_sha384;
            case "SHA-512" -> NISTObjectIdentifiers.id_sha512;
            default -> throw new IllegalArgumentException(hash);
        };
        return new DigestInfo(new AlgorithmIdentifier(oid, DERNull.INSTANCE), digest(hash, message))
                .getEncoded(ASN1Encoding.DER);
    }

    /** EMSA-PSS encoding by Bouncy Castle, the RSA operation by the token. */
    private static byte[] pss(KeyToken token, String handle, Case c, byte[] message) throws Exception {
        RSAPublicKey publicKey = (RSAPublicKey) publicKey(c.key());
        Digest hash = bcDigest(c.hash());
        PSSSigner signer = PSSSigner.createRawSigner(new TokenRsa(token, handle, c.key()), hash, bcDigest(c.hash()),
                hash.getDigestSize(), PSSSigner.TRAILER_IMPLICIT);
        signer.init(true, new ParametersWithRandom(
                new RSAKeyParameters(false, publicKey.getModulus(), publicKey.getPublicExponent()), new SecureRandom()));
        byte[] digest = digest(c.hash(), message);
        signer.update(digest, 0, digest.length);
        return signer.generateSignature();
    }

    private static Digest bcDigest(String hash) {
        return switch (hash) {
            case "SHA-256" -> DigestFactory.createSHA256();
            case "SHA-384" -> DigestFactory.createSHA384();
            case "SHA-512" -> DigestFactory.createSHA512();
            default -> throw new IllegalArgumentException(hash);
        };
    }

    /** Lets Bouncy Castle's PSS signer use the token for the bare RSA private operation. */
    private record TokenRsa(KeyToken token, String handle, KeyAlgorithm key) implements AsymmetricBlockCipher {

        @Override
        public void init(boolean forEncryption, CipherParameters parameters) {
        }

        @Override
        public int getInputBlockSize() {
            return key.bits() / 8;
        }

        @Override
        public int getOutputBlockSize() {
            return key.bits() / 8;
        }

        @Override
        public byte[] processBlock(byte[] block, int offset, int length) {
            return token.sign(handle, key, Mechanism.RSA_RAW,
                    Arrays.copyOfRange(block, offset, offset + length), TestPermits.forKey(handle));
        }
    }

    // --- looking at the token from outside ---

    private static String object(List<String> objects, String type, String handle) {
        return objects.stream()
                .filter(object -> object.startsWith(type) && object.matches("(?s).*label:\\s+" + handle + "\n.*"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + type + " labelled " + handle + " in " + objects));
    }

    private static String hex(String handle) {
        return HexFormat.of().formatHex(handle.getBytes(StandardCharsets.UTF_8));
    }

    private static PKCS11 pkcs11() throws Exception {
        // The JDK keeps one instance per library path; this returns the one the token loaded.
        return PKCS11.getInstance(SoftHsmFixture.LIBRARY, "C_GetFunctionList", null, false);
    }

    private static long findPrivateKeyByLabel(PKCS11 module, long session, String label)
            throws Exception {
        module.C_FindObjectsInit(session, new CK_ATTRIBUTE[] {
                new CK_ATTRIBUTE(CKA_CLASS,
                        CKO_PRIVATE_KEY),
                new CK_ATTRIBUTE(CKA_LABEL,
                        label.getBytes(StandardCharsets.UTF_8))
        });
        try {
            long[] found = module.C_FindObjects(session, 2);
            assertThat(found).hasSize(1);
            return found[0];
        } finally {
            module.C_FindObjectsFinal(session);
        }
    }

    private static CK_ATTRIBUTE attribute(long type) {
        return new CK_ATTRIBUTE(type);
    }
}
