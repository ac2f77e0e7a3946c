package io.inkan.client.jca;

import io.inkan.client.InkanApiException;
import io.inkan.core.SignatureAlgorithm;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.Security;
import java.security.Signature;
import java.security.SignatureException;
import java.security.cert.X509Certificate;
import java.security.interfaces.EdECPrivateKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.Collections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The provider against a live server: its key store lists the signer's profiles with their chains, and
 * every signature service produces signatures the JDK verifies with the certificate's public key.
 * It lives in inkan-cli's tests so that inkan-client never depends on the server, not even for tests
 * (the server may use the client library).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InkanProviderTest {

    private static final byte[] MESSAGE = "release 1.0".getBytes(StandardCharsets.UTF_8);

    private SigningServer server;
    private Provider provider;
    private KeyStore keyStore;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        server = new SigningServer(dir);
        provider = new InkanProvider().configure(server.providerArgument());
        keyStore = KeyStore.getInstance(InkanProvider.KEYSTORE_TYPE, provider);
        keyStore.load(null, null);
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @Test
    void keyStoreListsTheProfilesWithOpaqueKeysAndTheirCertificates() throws Exception {
        assertThat(Collections.list(keyStore.aliases())).containsExactlyInAnyOrder("rsa", "ec", "ec384", "ed");
        for (String alias : Collections.list(keyStore.aliases())) {
            PrivateKey key = (PrivateKey) keyStore.getKey(alias, null);
            X509Certificate certificate = (X509Certificate) keyStore.getCertificate(alias);
            assertThat(key.getEncoded()).isNull();
            assertThat(key.getAlgorithm()).isEqualTo(certificate.getPublicKey().getAlgorithm());
            assertThat(keyStore.getCertificateChain(alias)).hasSize(1);
            assertThat(keyStore.getCreationDate(alias)).isNotNull();
            assertThat(keyStore.getCertificateAlias(certificate)).isEqualTo(alias);
        }
        assertThat(keyStore.getKey("rsa", null)).isNotInstanceOf(RSAPrivateKey.class);
        assertThat(keyStore.getKey("ed", null)).isInstanceOf(EdECPrivateKey.class);
        assertThatThrownBy(() -> keyStore.deleteEntry("rsa")).hasMessageContaining("read-only");
    }

    @ParameterizedTest
    @CsvSource({
        "rsa, SHA256withRSA", "rsa, SHA384withRSA", "rsa, SHA512withRSA",
        "ec, SHA256withECDSA", "ec, SHA512withECDSA", "ec, SHA256withECDSAinP1363Format",
        "ec384, SHA384withECDSA", "ec384, SHA384withECDSAinP1363Format",
        "ed, Ed25519", "ed, EdDSA", "rsa, 1.2.840.113549.1.1.11", "rsa, SHA384withRSAandMGF1",
    })
    void everySignatureServiceVerifiesWithTheJdk(String alias, String algorithm) throws Exception {
        Signature signer = Signature.getInstance(algorithm, provider);
        signer.initSign((PrivateKey) keyStore.getKey(alias, null));
        signer.update(MESSAGE);
        byte[] signature = signer.sign();

        Signature verifier = Signature.getInstance(algorithm.endsWith("andMGF1") ? "RSASSA-PSS" : signer.getAlgorithm());
        if (algorithm.endsWith("andMGF1")) {
            verifier.setParameter(signer.getParameters().getParameterSpec(PSSParameterSpec.class));
        }
        verifier.initVerify(keyStore.getCertificate(alias).getPublicKey());
        verifier.update(MESSAGE);
        assertThat(verifier.verify(signature)).isTrue();
    }

    @Test
    void rsaPssWithTheServersParameters() throws Exception {
        PSSParameterSpec sha384 = SignatureAlgorithm.RSA_PSS_SHA384.pssParameters();
        Signature signer = Signature.getInstance("RSASSA-PSS", provider);
        signer.initSign((PrivateKey) keyStore.getKey("rsa", null));
        signer.setParameter(sha384);
        signer.update(MESSAGE);
        byte[] signature = signer.sign();

        Signature verifier = Signature.getInstance("RSASSA-PSS");
        verifier.setParameter(sha384);
        verifier.initVerify(keyStore.getCertificate("rsa").getPublicKey());
        verifier.update(MESSAGE);
        assertThat(verifier.verify(signature)).isTrue();
        assertThat(signer.getParameters().getParameterSpec(PSSParameterSpec.class).getSaltLength()).isEqualTo(48);
        assertThatThrownBy(() -> signer.setParameter(new PSSParameterSpec("SHA-256", "MGF1",
                MGF1ParameterSpec.SHA256, 20, 1))).hasMessageContaining("salt length");
    }

    @Test
    void jdkDefersToTheProviderForItsKeysWhenNoProviderIsNamed() throws Exception {
        Security.addProvider(provider);
        try {
            for (String[] pair : new String[][] {{"rsa", "SHA256withRSA"}, {"ec", "SHA256withECDSA"}, {"ed", "Ed25519"}}) {
                Signature signer = Signature.getInstance(pair[1]);
                signer.initSign((PrivateKey) keyStore.getKey(pair[0], null));
                signer.update(MESSAGE);
                byte[] signature = signer.sign();
                assertThat(signer.getProvider().getName()).isEqualTo(InkanProvider.NAME);
                Signature verifier = Signature.getInstance(pair[1]);
                verifier.initVerify(keyStore.getCertificate(pair[0]).getPublicKey());
                verifier.update(MESSAGE);
                assertThat(verifier.verify(signature)).as(pair[1]).isTrue();
            }
        } finally {
            Security.removeProvider(InkanProvider.NAME);
        }
    }

    @Test
    void refusesWhatItCannotDo() throws Exception {
        Signature ed = Signature.getInstance("Ed25519", provider);
        ed.initSign((PrivateKey) keyStore.getKey("ed", null));
        assertThatThrownBy(() -> ed.update(new byte[2000])).isInstanceOf(SignatureException.class)
                .hasMessageContaining("at most 1024 bytes");

        Signature rsaWithEcKey = Signature.getInstance("SHA256withRSA", provider);
        assertThatThrownBy(() -> rsaWithEcKey.initSign((PrivateKey) keyStore.getKey("ec", null)))
                .hasMessageContaining("cannot make RSA signatures");
        assertThatThrownBy(() -> Signature.getInstance("SHA256withECDSA", provider)
                .initVerify(keyStore.getCertificate("ec").getPublicKey())).hasMessageContaining("only signs");
    }

    @Test
    void aWrongTokenIsRefusedWhenTheKeyStoreLoads() throws Exception {
        Path bogus = java.nio.file.Files.writeString(server.tokenFile.resolveSibling("bogus.token"), "ink_bogus");
        Provider wrong = new InkanProvider("--server=" + server.server.baseUrl() + ",token-file=" + bogus
                + ",project=app,ca=" + server.server.serverCertificate());
        KeyStore other = KeyStore.getInstance("Inkan", wrong);
        assertThatThrownBy(() -> other.load(null, null)).isInstanceOf(InkanApiException.class);
    }
}
