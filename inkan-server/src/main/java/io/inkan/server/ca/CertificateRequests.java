package io.inkan.server.ca;

import io.inkan.core.api.CsrRequest;
import io.inkan.server.InkanProperties;
import io.inkan.server.infra.problem.Problem;
import io.inkan.server.infra.problem.Refusal;
import io.inkan.server.keys.SigningKey;
import io.inkan.server.sam.ProjectKeySigning;
import io.inkan.server.sam.ServicePurpose;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.springframework.stereotype.Service;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * PKCS#10 certificate signing requests signed inside the token (K5): a key's owners take the request to
 * any CA, and the private key never leaves its token. The requested subject, key usage and extended key
 * usage are carried as an extensionRequest attribute; a CA decides what it grants. A CSR is a signature
 * by the key like any other: a key under an M-of-N activation policy signs one only inside an open
 * activation ({@link ProjectKeySigning} takes the use).
 */
@Service
public class CertificateRequests {

    private static final Map<String, Integer> KEY_USAGES = Map.of(
            "digitalSignature", KeyUsage.digitalSignature,
            "nonRepudiation", KeyUsage.nonRepudiation,
            "keyCertSign", KeyUsage.keyCertSign,
            "cRLSign", KeyUsage.cRLSign);

    private static final Map<String, KeyPurposeId> PURPOSES = Map.of(
            "codeSigning", KeyPurposeId.id_kp_codeSigning,
            "timeStamping", KeyPurposeId.id_kp_timeStamping,
            "emailProtection", KeyPurposeId.id_kp_emailProtection,
            "clientAuth", KeyPurposeId.id_kp_clientAuth);

    private final ProjectKeySigning signing;
    private final String organisation;

    CertificateRequests(ProjectKeySigning signing, InkanProperties properties) {
        this.signing = signing;
        this.organisation = properties.ca().organisation();
    }

    /** Builds and signs the request; the result is PEM. */
    public String create(SigningKey key, CsrRequest request) {
        CsrRequest options = request == null ? CsrRequest.defaults() : request;
        X500Name subject = options.subject() == null
                ? DistinguishedNames.forKey(organisation, key.project(), key.name())
                : DistinguishedNames.parse(options.subject());
        ExtensionsGenerator extensions = new ExtensionsGenerator();
        try {
            extensions.addExtension(Extension.keyUsage, true, keyUsage(options.keyUsage()));
            List<String> purposes = options.extendedKeyUsage() == null ? List.of("codeSigning") : options.extendedKeyUsage();
            if (!purposes.isEmpty()) {
                extensions.addExtension(Extension.extendedKeyUsage, false,
                        new ExtendedKeyUsage(purposes.stream().map(CertificateRequests::purpose).toArray(KeyPurposeId[]::new)));
            }
            PKCS10CertificationRequest csr = new JcaPKCS10CertificationRequestBuilder(subject, key.publicKey())
                    .addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, extensions.generate())
                    .build(signing.contentSigner(key, ServicePurpose.CERTIFICATE_REQUEST));
            StringWriter text = new StringWriter();
            try (JcaPEMWriter pem = new JcaPEMWriter(text)) {
                pem.writeObject(csr);
            }
            return text.toString();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode a certificate request", e);
        }
    }

    private static KeyUsage keyUsage(List<String> names) {
        if (names == null) {
            return new KeyUsage(KeyUsage.digitalSignature);
        }
        if (names.isEmpty()) {
            throw invalid("keyUsage must name at least one of " + KEY_USAGES.keySet());
        }
        int bits = 0;
        for (String name : names) {
            Integer bit = KEY_USAGES.get(name);
            if (bit == null) {
                throw invalid("unknown key usage '" + name + "'; known: " + KEY_USAGES.keySet());
            }
            bits |= bit;
        }
        return new KeyUsage(bits);
    }

    private static KeyPurposeId purpose(String name) {
        KeyPurposeId known = name == null ? null : PURPOSES.get(name);
        if (known != null) {
            return known;
        }
        if (name != null && name.matches("[0-2](\\.[0-9]+)+")) {
            return KeyPurposeId.getInstance(new ASN1ObjectIdentifier(name));
        }
        throw invalid("unknown extended key usage '" + name + "'; known: " + PURPOSES.keySet() + " or a dotted OID");
    }

    private static Refusal invalid(String detail) {
        return new Refusal(Problem.INVALID_EXTENSION, detail);
    }
}
