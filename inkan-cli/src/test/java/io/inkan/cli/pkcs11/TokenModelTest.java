package io.inkan.cli.pkcs11;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.util.Date;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The objects a profile becomes, and that each of their attributes travels as p11-kit's type table says. */
class TokenModelTest {

    @Test
    void aProfileBecomesPrivateKeyPublicKeyAndCertificateWithOneStableId() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp384r1"));
        KeyPair pair = generator.generateKeyPair();
        X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(
                new X500Name("CN=release"), BigInteger.TEN, new Date(), new Date(System.currentTimeMillis() + 86_400_000L),
                new X500Name("CN=release"), pair.getPublic()).build(new JcaContentSignerBuilder("SHA384withECDSA").build(pair.getPrivate())));
        KeyPairGenerator ed = KeyPairGenerator.getInstance("Ed25519");

        TokenModel model = TokenModel.of(List.of(
                new SigningBackend.ProfileKeys("web", "release", List.of(new SigningBackend.KeyEntry("k1", true,
                        pair.getPublic().getEncoded(), List.of(certificate.getEncoded())))),
                new SigningBackend.ProfileKeys("app", "ed", List.of(new SigningBackend.KeyEntry("k2", true,
                        ed.generateKeyPair().getPublic().getEncoded(), List.of())))));

        assertThat(model.tokens()).extracting(Token::project).containsExactly("app", "web");
        assertThat(model.token(1).objects()).as("Ed25519 is left out").isEmpty();
        List<TokenObject> objects = model.token(2).objects();
        assertThat(objects).extracting(o -> o.attributes().get(Pkcs11.CKA_CLASS)).containsExactly(
                AttributeValue.of(Pkcs11.CKO_PRIVATE_KEY), AttributeValue.of(Pkcs11.CKO_PUBLIC_KEY), AttributeValue.of(Pkcs11.CKO_CERTIFICATE));
        AttributeValue id = AttributeValue.of(MessageDigest.getInstance("SHA-1").digest(pair.getPublic().getEncoded()));
        assertThat(objects).allSatisfy(o -> assertThat(o.attributes().get(Pkcs11.CKA_ID)).isEqualTo(id));
        assertThat(objects.get(0).signer()).isEqualTo(new TokenObject.SigningKey("web", "release", io.inkan.core.KeyFamily.EC, 96));
        assertThat(objects.get(0).matches(Map.of(Pkcs11.CKA_LABEL, AttributeValue.of("release".getBytes())))).isTrue();
        for (TokenObject object : objects) {
            object.attributes().forEach((type, value) ->
                    assertThat(AttributeKind.of(type).carries(value)).as("attribute 0x%x", type).isTrue());
        }
    }
}
