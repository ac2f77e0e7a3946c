package io.inkan.cli.pkcs11;

import io.inkan.core.KeyFamily;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The tokens the agent shows, built from the profiles' key sets: one token per project (slot ids 1, 2, … in
 * project name order), and in it, per profile in name order:
 * <ul>
 *   <li>for the current key a private key, a public key and the certificate chain, all labelled with the
 *       profile's name;</li>
 *   <li>for each retired key only the public key and certificates, labelled {@code <profile>/<key>}.</li>
 * </ul>
 * {@code CKA_ID} is the SHA-1 of the key's SubjectPublicKeyInfo (of the certificate's own key for CA
 * certificates), so it stays the same across agent restarts and ties a certificate to its key, which is how
 * gnupg-pkcs11-scd and libp11 pair them. Ed25519 keys are left out: p11-kit cannot carry {@code CKM_EDDSA}.
 */
record TokenModel(List<Token> tokens) {

    TokenModel {
        tokens = List.copyOf(tokens);
    }

    Token token(long slot) {
        return tokens.stream().filter(t -> t.slot() == slot).findFirst().orElse(null);
    }

    static TokenModel of(List<SigningBackend.ProfileKeys> profiles) {
        Map<String, List<SigningBackend.ProfileKeys>> byProject = new TreeMap<>();
        profiles.forEach(p -> byProject.computeIfAbsent(p.project(), k -> new ArrayList<>()).add(p));
        List<Token> tokens = new ArrayList<>();
        long[] handle = {1};
        long slot = 1;
        for (Map.Entry<String, List<SigningBackend.ProfileKeys>> project : byProject.entrySet()) {
            List<TokenObject> objects = new ArrayList<>();
            project.getValue().sort(java.util.Comparator.comparing(SigningBackend.ProfileKeys::profile));
            for (SigningBackend.ProfileKeys profile : project.getValue()) {
                for (SigningBackend.KeyEntry key : profile.keys()) {
                    objects.addAll(objectsOf(profile, key, handle));
                }
            }
            tokens.add(new Token(slot++, project.getKey(), objects));
        }
        return new TokenModel(tokens);
    }

    private static List<TokenObject> objectsOf(SigningBackend.ProfileKeys profile, SigningBackend.KeyEntry key, long[] handle) {
        PublicKeyFacts facts = PublicKeyFacts.of(key.publicKey());
        if (facts == null) {
            return List.of();
        }
        String label = key.current() ? profile.profile() : profile.profile() + "/" + key.name();
        byte[] id = sha1(key.publicKey());
        List<X509Certificate> chain = key.chain().stream().map(TokenModel::certificate).toList();
        byte[] subject = chain.isEmpty() ? null : chain.get(0).getSubjectX500Principal().getEncoded();
        List<TokenObject> objects = new ArrayList<>();
        if (key.current()) {
            Map<Long, AttributeValue> attributes = keyAttributes(Pkcs11.CKO_PRIVATE_KEY, facts, id, label, subject);
            attributes.put(Pkcs11.CKA_SENSITIVE, AttributeValue.of(true));
            attributes.put(Pkcs11.CKA_ALWAYS_SENSITIVE, AttributeValue.of(true));
            attributes.put(Pkcs11.CKA_EXTRACTABLE, AttributeValue.of(false));
            attributes.put(Pkcs11.CKA_NEVER_EXTRACTABLE, AttributeValue.of(true));
            attributes.put(Pkcs11.CKA_SIGN, AttributeValue.of(true));
            attributes.put(Pkcs11.CKA_SIGN_RECOVER, AttributeValue.of(false));
            attributes.put(Pkcs11.CKA_DECRYPT, AttributeValue.of(false));
            attributes.put(Pkcs11.CKA_UNWRAP, AttributeValue.of(false));
            attributes.put(Pkcs11.CKA_ALWAYS_AUTHENTICATE, AttributeValue.of(false));
            objects.add(new TokenObject(handle[0]++, attributes, new TokenObject.SigningKey(
                    profile.project(), profile.profile(), facts.family(), facts.signatureLength())));
        }
        Map<Long, AttributeValue> publicKey = keyAttributes(Pkcs11.CKO_PUBLIC_KEY, facts, id, label, subject);
        publicKey.put(Pkcs11.CKA_VERIFY, AttributeValue.of(true));
        publicKey.put(Pkcs11.CKA_VERIFY_RECOVER, AttributeValue.of(false));
        publicKey.put(Pkcs11.CKA_ENCRYPT, AttributeValue.of(false));
        publicKey.put(Pkcs11.CKA_WRAP, AttributeValue.of(false));
        objects.add(new TokenObject(handle[0]++, publicKey, null));
        for (int i = 0; i < chain.size(); i++) {
            X509Certificate certificate = chain.get(i);
            byte[] certificateId = i == 0 ? id : sha1(certificate.getPublicKey().getEncoded());
            String certificateLabel = i == 0 ? label : label + "/ca-" + i;
            objects.add(new TokenObject(handle[0]++, certificateAttributes(certificate, certificateId, certificateLabel), null));
        }
        return objects;
    }

    private static Map<Long, AttributeValue> keyAttributes(long objectClass, PublicKeyFacts facts, byte[] id, String label,
                                                           byte[] subject) {
        Map<Long, AttributeValue> attributes = common(objectClass, id, label);
        attributes.put(Pkcs11.CKA_KEY_TYPE, AttributeValue.of(facts.family() == KeyFamily.RSA ? Pkcs11.CKK_RSA : Pkcs11.CKK_EC));
        attributes.put(Pkcs11.CKA_LOCAL, AttributeValue.of(false));
        attributes.put(Pkcs11.CKA_DERIVE, AttributeValue.of(false));
        attributes.putAll(facts.attributes());
        if (subject != null) {
            attributes.put(Pkcs11.CKA_SUBJECT, AttributeValue.of(subject));
        }
        return attributes;
    }

    private static Map<Long, AttributeValue> certificateAttributes(X509Certificate certificate, byte[] id, String label) {
        Map<Long, AttributeValue> attributes = common(Pkcs11.CKO_CERTIFICATE, id, label);
        try {
            attributes.put(Pkcs11.CKA_CERTIFICATE_TYPE, AttributeValue.of(Pkcs11.CKC_X_509));
            attributes.put(Pkcs11.CKA_CERTIFICATE_CATEGORY, AttributeValue.of(0L));
            attributes.put(Pkcs11.CKA_TRUSTED, AttributeValue.of(false));
            attributes.put(Pkcs11.CKA_VALUE, AttributeValue.of(certificate.getEncoded()));
            attributes.put(Pkcs11.CKA_SUBJECT, AttributeValue.of(certificate.getSubjectX500Principal().getEncoded()));
            attributes.put(Pkcs11.CKA_ISSUER, AttributeValue.of(certificate.getIssuerX500Principal().getEncoded()));
            attributes.put(Pkcs11.CKA_SERIAL_NUMBER, AttributeValue.of(new ASN1Integer(certificate.getSerialNumber()).getEncoded()));
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("certificate cannot be encoded", e);
        }
        return attributes;
    }

    private static Map<Long, AttributeValue> common(long objectClass, byte[] id, String label) {
        Map<Long, AttributeValue> attributes = new HashMap<>();
        attributes.put(Pkcs11.CKA_CLASS, AttributeValue.of(objectClass));
        attributes.put(Pkcs11.CKA_TOKEN, AttributeValue.of(true));
        attributes.put(Pkcs11.CKA_PRIVATE, AttributeValue.of(false));
        attributes.put(Pkcs11.CKA_MODIFIABLE, AttributeValue.of(false));
        attributes.put(Pkcs11.CKA_COPYABLE, AttributeValue.of(false));
        attributes.put(Pkcs11.CKA_ID, AttributeValue.of(id));
        attributes.put(Pkcs11.CKA_LABEL, AttributeValue.of(label.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        return attributes;
    }

    private static X509Certificate certificate(byte[] der) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("the server sent an unreadable certificate", e);
        }
    }

    static byte[] sha1(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-1").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What a key object shows of an RSA or EC public key; {@code null} (left out) for other keys. */
    private record PublicKeyFacts(KeyFamily family, int signatureLength, Map<Long, AttributeValue> attributes) {

        static PublicKeyFacts of(byte[] spki) {
            SubjectPublicKeyInfo info = SubjectPublicKeyInfo.getInstance(spki);
            String algorithm = info.getAlgorithm().getAlgorithm().getId();
            try {
                if (algorithm.equals("1.2.840.113549.1.1.1")) {
                    RSAPublicKey key = (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(spki));
                    int bits = key.getModulus().bitLength();
                    return new PublicKeyFacts(KeyFamily.RSA, (bits + 7) / 8, Map.of(
                            Pkcs11.CKA_MODULUS, AttributeValue.of(unsigned(key.getModulus())),
                            Pkcs11.CKA_MODULUS_BITS, AttributeValue.of((long) bits),
                            Pkcs11.CKA_PUBLIC_EXPONENT, AttributeValue.of(unsigned(key.getPublicExponent()))));
                }
                if (algorithm.equals("1.2.840.10045.2.1")) {
                    ECPublicKey key = (ECPublicKey) KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(spki));
                    int fieldBytes = (key.getParams().getCurve().getField().getFieldSize() + 7) / 8;
                    return new PublicKeyFacts(KeyFamily.EC, 2 * fieldBytes, Map.of(
                            Pkcs11.CKA_EC_PARAMS, AttributeValue.of(info.getAlgorithm().getParameters().toASN1Primitive().getEncoded()),
                            Pkcs11.CKA_EC_POINT, AttributeValue.of(new DEROctetString(info.getPublicKeyData().getBytes()).getEncoded())));
                }
            } catch (GeneralSecurityException | IOException e) {
                throw new IllegalArgumentException("the server sent an unreadable public key", e);
            }
            return null;
        }

        private static byte[] unsigned(BigInteger value) {
            byte[] bytes = value.toByteArray();
            return bytes[0] == 0 && bytes.length > 1 ? Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
        }
    }
}
