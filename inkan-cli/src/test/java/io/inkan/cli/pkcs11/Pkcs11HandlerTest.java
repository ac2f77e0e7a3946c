package io.inkan.cli.pkcs11;

import io.inkan.core.DigestAlgorithm;
import io.inkan.core.SignatureAlgorithm;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Golden frames: request bodies written byte by byte as p11-kit 0.24 and 0.25.6+ clients send them, and the
 * exact reply bodies the agent must give, for every call a signing tool makes. CI cannot build other p11-kit
 * versions, so these frames are what keeps both mechanism encodings working.
 */
class Pkcs11HandlerTest {

    private static KeyPair rsa;
    private static KeyPair ec;

    private final List<String> signed = new ArrayList<>();
    private final List<String> log = new ArrayList<>();
    private Pkcs11Handler handler;

    /** A server stand-in: records what it was asked and answers a signature of the right length. */
    private final SigningBackend backend = new SigningBackend() {
        @Override
        public List<ProfileKeys> profiles() {
            return List.of(
                    new ProfileKeys("app", "rsa", List.of(new KeyEntry("rsa", true, rsa.getPublic().getEncoded(), List.of()))),
                    new ProfileKeys("app", "ec", List.of(new KeyEntry("ec-2", true, ec.getPublic().getEncoded(), List.of()),
                            new KeyEntry("ec-1", false, rsa.getPublic().getEncoded(), List.of()))));
        }

        @Override
        public byte[] sign(String project, String profile, SignatureAlgorithm algorithm, byte[] digest) {
            signed.add(project + "/" + profile + " " + algorithm + " " + HexFormat.of().formatHex(digest));
            return new byte[profile.equals("ec") ? 64 : 256];
        }
    };

    @BeforeAll
    static void keys() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        rsa = generator.generateKeyPair();
        KeyPairGenerator ecGenerator = KeyPairGenerator.getInstance("EC");
        ecGenerator.initialize(new ECGenParameterSpec("secp256r1"));
        ec = ecGenerator.generateKeyPair();
    }

    @BeforeEach
    void openSession() {
        TokenModel model = TokenModel.of(backend.profiles());
        handler = new Pkcs11Handler(() -> model, backend, log::add);
        // C_OpenSession(slot 1, CKF_SERIAL_SESSION) -> session 1
        assertThat(call("0000000a 00000002 7575 0000000000000001 0000000000000004"))
                .isEqualToIgnoringWhitespace("0000000a 00000001 75 0000000000000001");
    }

    // Objects (handles in profile order): ec private 1, ec public 2, retired ec-1 public 3, rsa private 4, rsa public 5.

    @Test
    void initializeIsAcceptedWithTheHandshakeString() {
        String handshake = HexFormat.of().formatHex("PRIVATE-GNOME-KEYRING-PKCS11-PROTOCOL-V-1".getBytes(StandardCharsets.US_ASCII));
        assertThat(call("00000001 00000005 6179796179 01 00000029" + handshake + " 00 00 00000000"))
                .isEqualToIgnoringWhitespace("00000001 00000000");
    }

    @Test
    void slotListAnswersSizeQueriesWithTheCountOnly() {
        assertThat(call("00000004 00000003 796675 01 00000000")).isEqualToIgnoringWhitespace("00000004 00000002 6175 00 00000001");
        assertThat(call("00000004 00000003 796675 01 00000010"))
                .isEqualToIgnoringWhitespace("00000004 00000002 6175 01 00000001 0000000000000001");
    }

    @Test
    void tokenInfoCarriesTheProjectAsLabelAndNoLoginRequirement() {
        String reply = call("00000006 00000001 75 0000000000000001");
        assertThat(reply).startsWith("00000006" + "00000012" + hex("ssssuuuuuuuuuuuvvs"));
        byte[] body = HexFormat.of().parseHex(reply.replace(" ", ""));
        String label = new String(body, 4 + 4 + 18 + 4, 32, StandardCharsets.UTF_8);
        assertThat(label).isEqualTo("app" + " ".repeat(29));
        int flagsAt = 4 + 4 + 18 + (4 + 32) + (4 + 32) + (4 + 16) + (4 + 16);
        assertThat(HexFormat.of().formatHex(body, flagsAt, flagsAt + 8)).isEqualToIgnoringWhitespace("0000000000000400");
    }

    @Test
    void findsObjectsByClassAndLabelTemplate() {
        // C_FindObjectsInit(1, [CKA_CLASS = CKO_PRIVATE_KEY, CKA_LABEL = "rsa"])
        assertThat(call("0000001a 00000003 756141 0000000000000001 00000002"
                + " 00000000 01 00000008 0000000000000003"
                + " 00000003 01 00000003 00000003 727361")).isEqualToIgnoringWhitespace("0000001a 00000000");
        assertThat(call("0000001b 00000003 756675 0000000000000001 00000010"))
                .isEqualToIgnoringWhitespace("0000001b 00000002 6175 01 00000001 0000000000000004");
        assertThat(call("0000001c 00000001 75 0000000000000001")).isEqualToIgnoringWhitespace("0000001c 00000000");
    }

    @Test
    void attributeValuesFollowP11KitsTypeTableAndAnswerSizeQueries() {
        // C_GetAttributeValue(1, ec private key, [CKA_CLASS cap 8, CKA_SIGN cap 1, CKA_LABEL cap 0, CKA_VALUE cap 64])
        assertThat(call("00000018 00000004 75756641 0000000000000001 0000000000000001 00000004"
                + " 00000000 00000008 00000108 00000001 00000003 00000000 00000011 00000040"))
                .isEqualToIgnoringWhitespace("00000018 00000003 614175 00000004"
                        + " 00000000 01 00000008 0000000000000003"
                        + " 00000108 01 00000001 01"
                        + " 00000003 01 00000002 ffffffff"
                        + " 00000011 00"
                        + " 0000000000000012");
    }

    @Test
    void retiredKeysAreLabelledWithTheirNameAndHaveNoPrivateKey() {
        // C_GetAttributeValue(1, object 3, [CKA_CLASS, CKA_LABEL])
        assertThat(call("00000018 00000004 75756641 0000000000000001 0000000000000003 00000002"
                + " 00000000 00000008 00000003 00000010"))
                .isEqualToIgnoringWhitespace("00000018 00000003 614175 00000002"
                        + " 00000000 01 00000008 0000000000000002"
                        + " 00000003 01 00000007 00000007 " + hex("ec/ec-1")
                        + " 0000000000000000");
    }

    @Test
    void ecdsaInTheOldEncodingSignsTheDigestAsP1363AndAnswersSizeQueriesWithoutSigning() {
        // C_SignInit(1, CKM_ECDSA + NULL parameter array (p11-kit 0.24 to 0.25.5), key 1)
        assertThat(call("0000002a 00000003 754d75 0000000000000001 00001041 ffffffff 0000000000000001"))
                .isEqualToIgnoringWhitespace("0000002a 00000000");
        assertSignsDigestOfEcKey();
    }

    @Test
    void ecdsaInTheNewEncodingSignsTheSame() {
        // C_SignInit(1, CKM_ECDSA with nothing after it (p11-kit 0.25.6+), key 1)
        assertThat(call("0000002a 00000003 754d75 0000000000000001 00001041 0000000000000001"))
                .isEqualToIgnoringWhitespace("0000002a 00000000");
        assertSignsDigestOfEcKey();
    }

    private void assertSignsDigestOfEcKey() {
        String digest = "11".repeat(32);
        // C_Sign(1, 32 bytes, capacity 0): the length only, nothing signed, operation still active
        assertThat(call("0000002b 00000005 7561796679 0000000000000001 01 00000020 " + digest + " 00000000"))
                .isEqualToIgnoringWhitespace("0000002b 00000002 6179 00 00000040");
        assertThat(signed).isEmpty();
        assertThat(call("0000002b 00000005 7561796679 0000000000000001 01 00000020 " + digest + " 00000040"))
                .isEqualToIgnoringWhitespace("0000002b 00000002 6179 01 00000040 " + "00".repeat(64));
        assertThat(signed).containsExactly("app/ec ECDSA_SHA256_P1363 " + digest);
        // the operation ended with the signature
        assertThat(call("0000002b 00000005 7561796679 0000000000000001 01 00000020 " + digest + " 00000040"))
                .isEqualToIgnoringWhitespace(error(0x91));
    }

    @Test
    void rsaPssInTheOldEncodingCarriesThreeBareValues() {
        // CKM_RSA_PKCS_PSS {CKM_SHA256, CKG_MGF1_SHA256, salt 32} as p11-kit 0.24 sends it, key 4
        assertThat(call("0000002a 00000003 754d75 0000000000000001 0000000d"
                + " 0000000000000250 0000000000000002 0000000000000020 0000000000000004")).isEqualToIgnoringWhitespace("0000002a 00000000");
        assertSignsPss();
    }

    @Test
    void rsaPssInTheNewEncodingHasAPresenceByte() {
        assertThat(call("0000002a 00000003 754d75 0000000000000001 0000000d 01"
                + " 0000000000000250 0000000000000002 0000000000000020 0000000000000004")).isEqualToIgnoringWhitespace("0000002a 00000000");
        assertSignsPss();
    }

    private void assertSignsPss() {
        String digest = "22".repeat(32);
        assertThat(call("0000002b 00000005 7561796679 0000000000000001 01 00000020 " + digest + " 00000100"))
                .startsWith("0000002b0000000261790100000100");
        assertThat(signed).containsExactly("app/rsa RSA_PSS_SHA256 " + digest);
    }

    @Test
    void rsaPssWithOpensslsMaximumSaltIsRefusedWithAHint() {
        assertThat(call("0000002a 00000003 754d75 0000000000000001 0000000d 01"
                + " 0000000000000250 0000000000000002 00000000000000de 0000000000000004")).isEqualToIgnoringWhitespace(error(0x71));
        assertThat(log).anyMatch(line -> line.contains("rsa_pss_saltlen:digest"));
    }

    @Test
    void rsaPkcsUnwrapsADigestInfoAndRefusesABareDigest() {
        String digest = "33".repeat(48);
        String digestInfo = "3041300d060960864801650304020205000430" + digest;
        assertThat(call("0000002a 00000003 754d75 0000000000000001 00000001 0000000000000004")).isEqualToIgnoringWhitespace("0000002a 00000000");
        assertThat(call("0000002b 00000005 7561796679 0000000000000001 01 00000043 " + digestInfo + " 00000100"))
                .startsWith("0000002b0000000261790100000100");
        assertThat(signed).containsExactly("app/rsa RSA_PKCS1_SHA384 " + digest);

        assertThat(call("0000002a 00000003 754d75 0000000000000001 00000001 ffffffff 0000000000000004"))
                .isEqualToIgnoringWhitespace("0000002a 00000000");
        assertThat(call("0000002b 00000005 7561796679 0000000000000001 01 00000030 " + digest + " 00000100"))
                .isEqualToIgnoringWhitespace(error(0x20));
        assertThat(signed).hasSize(1);
    }

    @Test
    void hashAndSignHashesLocallyAcrossUpdatesAndSendsOnlyTheDigest() {
        assertThat(call("0000002a 00000003 754d75 0000000000000001 00000040 0000000000000004")).isEqualToIgnoringWhitespace("0000002a 00000000");
        assertThat(call("0000002c 00000003 756179 0000000000000001 01 00000005 " + hex("hello"))).isEqualToIgnoringWhitespace("0000002c 00000000");
        assertThat(call("0000002c 00000003 756179 0000000000000001 01 00000006 " + hex(" world"))).isEqualToIgnoringWhitespace("0000002c 00000000");
        assertThat(call("0000002d 00000003 756679 0000000000000001 00000000")).isEqualToIgnoringWhitespace("0000002d 00000002 6179 00 00000100");
        assertThat(call("0000002d 00000003 756679 0000000000000001 00000100")).startsWith("0000002d0000000261790100000100");
        String expected = HexFormat.of().formatHex(DigestAlgorithm.SHA256.newDigest().digest("hello world".getBytes(StandardCharsets.UTF_8)));
        assertThat(signed).containsExactly("app/rsa RSA_PKCS1_SHA256 " + expected);
    }

    @Test
    void aMechanismOfTheOtherKeyFamilyAndPublicKeysCannotSign() {
        assertThat(call("0000002a 00000003 754d75 0000000000000001 00001041 0000000000000004")).isEqualToIgnoringWhitespace(error(0x63));
        assertThat(call("0000002a 00000003 754d75 0000000000000001 00001041 0000000000000002")).isEqualToIgnoringWhitespace(error(0x68));
        assertThat(call("0000002a 00000003 754d75 0000000000000001 00001081 0000000000000001")).isEqualToIgnoringWhitespace(error(0x70));
    }

    @Test
    void unknownCallsAreNotSupportedAndMalformedOnesDropTheConnection() {
        // C_GenerateRandom(1, 16) and a PKCS#11 3.0 call
        assertThat(call("00000040 00000003 756679 0000000000000001 00000010")).isEqualToIgnoringWhitespace(error(0x54));
        assertThat(call("00000042 00000000")).isEqualToIgnoringWhitespace(error(0x54));
        assertThatThrownBy(() -> call("0000002a 00000002 754d 0000000000000001")).isInstanceOf(RpcFormatException.class);
        assertThatThrownBy(() -> call("0000000b 00000001 75 0000")).isInstanceOf(RpcFormatException.class);
    }

    @Test
    void connectionAnswersVersionZeroAndRepeatsTheFrameCode() throws Exception {
        byte[] request = HexFormat.of().parseHex("02" + "00000007 00000006 00000011 636c69656e74".replace(" ", "")
                + "0000000b000000017500000000000000ff".replace(" ", ""));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new RpcConnection(handler, log::add).serve(new ByteArrayInputStream(request), out);
        assertThat(HexFormat.of().formatHex(out.toByteArray()))
                .isEqualToIgnoringWhitespace("00" + "00000007" + "00000000" + "00000011" + error(0xb3).replace(" ", ""));
    }

    private String call(String hexRequest) {
        byte[] reply = handler.handle(HexFormat.of().parseHex(hexRequest.replace(" ", "")));
        return HexFormat.of().formatHex(reply);
    }

    private static String error(long rv) {
        return "00000000 00000001 75 " + String.format("%016x", rv);
    }

    private static String hex(String text) {
        return HexFormat.of().formatHex(text.getBytes(StandardCharsets.UTF_8));
    }
}
