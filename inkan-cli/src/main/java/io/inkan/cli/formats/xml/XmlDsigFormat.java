package io.inkan.cli.formats.xml;

import io.inkan.cli.formats.ArtifactSigner;
import io.inkan.core.SignatureAlgorithm;
import org.w3c.dom.Document;
import org.xml.sax.SAXException;

import javax.xml.XMLConstants;
import javax.xml.crypto.MarshalException;
import javax.xml.crypto.dsig.CanonicalizationMethod;
import javax.xml.crypto.dsig.DigestMethod;
import javax.xml.crypto.dsig.Reference;
import javax.xml.crypto.dsig.SignatureMethod;
import javax.xml.crypto.dsig.SignedInfo;
import javax.xml.crypto.dsig.Transform;
import javax.xml.crypto.dsig.XMLSignatureException;
import javax.xml.crypto.dsig.XMLSignatureFactory;
import javax.xml.crypto.dsig.dom.DOMSignContext;
import javax.xml.crypto.dsig.keyinfo.KeyInfo;
import javax.xml.crypto.dsig.keyinfo.KeyInfoFactory;
import javax.xml.crypto.dsig.spec.C14NMethodParameterSpec;
import javax.xml.crypto.dsig.spec.TransformParameterSpec;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.Provider;
import java.util.Arrays;
import java.util.List;

/**
 * Enveloped XML signatures (XML DSig) over a whole document, made by the JDK's {@code javax.xml.crypto}
 * implementation with the Inkan provider as its signature provider: the document is canonicalized and
 * digested here, the server signs the digest of {@code SignedInfo}. The certificate chain goes into
 * {@code KeyInfo}. Documents with a DTD are refused, so no external entity is ever resolved.
 */
public final class XmlDsigFormat implements ArtifactSigner {

    /** The JDK's XML DSig reads the signature provider from this sign-context property. */
    private static final String SIGNATURE_PROVIDER = "org.jcp.xml.dsig.internal.dom.SignatureProvider";

    private final KeyStore.PrivateKeyEntry key;
    private final String signatureMethod;
    private final String digestMethod;
    private final Provider provider;

    public XmlDsigFormat(KeyStore.PrivateKeyEntry key, SignatureAlgorithm algorithm, Provider provider) {
        this.key = key;
        this.provider = provider;
        this.signatureMethod = signatureMethod(algorithm);
        this.digestMethod = switch (algorithm.digest()) {
            case SHA256 -> DigestMethod.SHA256;
            case SHA384 -> DigestMethod.SHA384;
            case SHA512 -> DigestMethod.SHA512;
        };
    }

    private static String signatureMethod(SignatureAlgorithm algorithm) {
        return switch (algorithm) {
            case RSA_PKCS1_SHA256 -> SignatureMethod.RSA_SHA256;
            case RSA_PKCS1_SHA384 -> SignatureMethod.RSA_SHA384;
            case RSA_PKCS1_SHA512 -> SignatureMethod.RSA_SHA512;
            case ECDSA_SHA256, ECDSA_SHA256_P1363 -> SignatureMethod.ECDSA_SHA256;
            case ECDSA_SHA384, ECDSA_SHA384_P1363 -> SignatureMethod.ECDSA_SHA384;
            case ECDSA_SHA512, ECDSA_SHA512_P1363 -> SignatureMethod.ECDSA_SHA512;
            default -> throw new IllegalArgumentException("XML signatures here use RSA PKCS#1 v1.5 or ECDSA, not " + algorithm);
        };
    }

    @Override
    public void sign(Path file, OutputStream out) throws IOException {
        try {
            Document document = parse(file);
            XMLSignatureFactory factory = XMLSignatureFactory.getInstance("DOM");
            Reference reference = factory.newReference("", factory.newDigestMethod(digestMethod, null),
                    List.of(factory.newTransform(Transform.ENVELOPED, (TransformParameterSpec) null),
                            factory.newTransform(CanonicalizationMethod.EXCLUSIVE, (TransformParameterSpec) null)),
                    null, null);
            SignedInfo signedInfo = factory.newSignedInfo(
                    factory.newCanonicalizationMethod(CanonicalizationMethod.EXCLUSIVE, (C14NMethodParameterSpec) null),
                    factory.newSignatureMethod(signatureMethod, null), List.of(reference));
            KeyInfoFactory keyInfos = factory.getKeyInfoFactory();
            KeyInfo keyInfo = keyInfos.newKeyInfo(List.of(keyInfos.newX509Data(Arrays.asList(key.getCertificateChain()))));
            DOMSignContext context = new DOMSignContext(key.getPrivateKey(), document.getDocumentElement());
            context.setProperty(SIGNATURE_PROVIDER, provider);
            context.setDefaultNamespacePrefix("ds");
            factory.newXMLSignature(signedInfo, keyInfo).sign(context);
            TransformerFactory.newInstance().newTransformer().transform(new DOMSource(document), new StreamResult(out));
        } catch (SAXException e) {
            throw new IllegalArgumentException(file + " is not well-formed XML (or has a DTD): " + e.getMessage(), e);
        } catch (MarshalException | XMLSignatureException | TransformerException e) {
            throw new IOException("cannot sign " + file + ": " + e.getMessage(), e);
        } catch (GeneralSecurityException | ParserConfigurationException e) {
            throw new IllegalStateException("JDK XML signature support is incomplete: " + e.getMessage(), e);
        }
    }

    private static Document parse(Path file) throws ParserConfigurationException, SAXException, IOException {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.setXIncludeAware(false);
        factory.setExpandEntityReferences(false);
        DocumentBuilder builder = factory.newDocumentBuilder();
        return builder.parse(file.toFile());
    }
}
