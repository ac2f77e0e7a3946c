package io.inkan.cli.formats.cms;

import io.inkan.cli.formats.ArtifactSigner;
import io.inkan.core.SignatureAlgorithm;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableFile;
import org.bouncycastle.cms.CMSSignedDataGenerator;
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
import java.util.Arrays;

/**
 * Detached CMS (PKCS#7) signatures, {@code FILE.p7s} in DER, as {@code openssl cms -verify} and other
 * S/MIME-style verifiers read them. The file is streamed through the digest here; only the digest of the
 * signed attributes (content type, message digest, signing time, algorithm protection) goes to the
 * server, through the Inkan provider. The certificate chain is embedded.
 */
public final class CmsFormat implements ArtifactSigner {

    private final KeyStore.PrivateKeyEntry key;
    private final SignatureAlgorithm algorithm;
    private final Provider provider;

    public CmsFormat(KeyStore.PrivateKeyEntry key, SignatureAlgorithm algorithm, Provider provider) {
        if (algorithm.encoding() == SignatureAlgorithm.Encoding.P1363) {
            throw new IllegalArgumentException("CMS signatures use DER ECDSA, not " + algorithm);
        }
        this.key = key;
        this.algorithm = algorithm;
        this.provider = provider;
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
            out.write(generator.generate(new CMSProcessableFile(file.toFile()), false).getEncoded("DER"));
        } catch (OperatorCreationException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot set up CMS signing for " + algorithm + ": " + e.getMessage(), e);
        } catch (CMSException | RuntimeOperatorException e) {
            throw new IOException("cannot sign " + file + ": " + e.getMessage(), e);
        }
    }
}
