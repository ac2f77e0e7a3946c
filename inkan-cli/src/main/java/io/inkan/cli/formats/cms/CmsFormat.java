package io.inkan.cli.formats.cms;

import io.inkan.cli.formats.ArtifactSigner;
import io.inkan.cli.formats.tsa.TimestampClient;
import io.inkan.core.SignatureAlgorithm;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableFile;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.SignerInformationStore;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.RuntimeOperatorException;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.Provider;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Detached CMS (PKCS#7) signatures, {@code FILE.p7s} in DER, as {@code openssl cms -verify} and other
 * S/MIME-style verifiers read them. The file is streamed through the digest here; only the digest of the
 * signed attributes (content type, message digest, signing time, algorithm protection) goes to the
 * server, through the Inkan provider. The certificate chain is embedded, and with a time-stamping
 * authority each signature value gets an RFC 3161 time-stamp.
 */
public final class CmsFormat implements ArtifactSigner {

    private final KeyStore.PrivateKeyEntry key;
    private final SignatureAlgorithm algorithm;
    private final Provider provider;
    private final TimestampClient timestamps;

    /** @param timestamps adds an RFC 3161 signature time-stamp to each signature; {@code null} for none */
    public CmsFormat(KeyStore.PrivateKeyEntry key, SignatureAlgorithm algorithm, Provider provider,
                     TimestampClient timestamps) {
        if (algorithm.encoding() == SignatureAlgorithm.Encoding.P1363) {
            throw new IllegalArgumentException("CMS signatures use DER ECDSA, not " + algorithm);
        }
        this.key = key;
        this.algorithm = algorithm;
        this.provider = provider;
        this.timestamps = timestamps;
    }

    /** Writes the DER {@code SignedData} for {@code file} (content not included) to {@code out}. */
    @Override
    public void sign(Path file, OutputStream out) throws IOException {
        try {
            CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
            generator.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(
                    new JcaDigestCalculatorProviderBuilder().build())
                    .build(new RemoteContentSigner(algorithm, key.getPrivateKey(), provider),
                            (X509Certificate) key.getCertificate()));
            generator.addCertificates(new JcaCertStore(Arrays.asList(key.getCertificateChain())));
            CMSSignedData signed = generator.generate(new CMSProcessableFile(file.toFile()), false);
            out.write((timestamps == null ? signed : timestamped(signed)).getEncoded("DER"));
        } catch (OperatorCreationException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot set up CMS signing for " + algorithm + ": " + e.getMessage(), e);
        } catch (CMSException | RuntimeOperatorException e) {
            throw new IOException("cannot sign " + file + ": " + e.getMessage(), e);
        }
    }

    /** Adds a time-stamp over each signature value as the unsigned attribute RFC 3161 appendix A defines. */
    private CMSSignedData timestamped(CMSSignedData signed) throws IOException {
        List<SignerInformation> signers = new ArrayList<>();
        for (SignerInformation signer : signed.getSignerInfos().getSigners()) {
            byte[] token = timestamps.timestamp(signer.getSignature()).getEncoded();
            Attribute attribute = new Attribute(PKCSObjectIdentifiers.id_aa_signatureTimeStampToken,
                    new DERSet(ASN1Primitive.fromByteArray(token)));
            signers.add(SignerInformation.replaceUnsignedAttributes(signer,
                    new AttributeTable(new DERSet(attribute))));
        }
        return CMSSignedData.replaceSigners(signed, new SignerInformationStore(signers));
    }
}
