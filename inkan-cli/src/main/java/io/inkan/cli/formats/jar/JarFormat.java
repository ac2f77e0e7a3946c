package io.inkan.cli.formats.jar;

import jdk.security.jarsigner.JarSigner;
import jdk.security.jarsigner.JarSignerException;

import io.inkan.cli.formats.ArtifactSigner;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import java.security.cert.CertPath;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.util.Arrays;
import java.util.Locale;
import java.util.zip.ZipFile;

/**
 * Signs JAR, WAR and EAR files with the JDK's own {@link JarSigner}, so the result is exactly what
 * {@code jarsigner} would write and {@code jarsigner -verify} accepts. The private key is an Inkan
 * handle: the JDK hashes the signature file locally and the Inkan provider has the server sign it, one
 * request per archive.
 */
public final class JarFormat implements ArtifactSigner {

    private final JarSigner signer;

    /**
     * @param signatureAlgorithm a JCA name such as {@code SHA256withECDSA} or {@code Ed25519}
     * @param profile            names the {@code META-INF/NAME.SF} file (shortened to what jar files allow)
     * @param tsa                RFC 3161 time-stamping authority; {@code null} for none
     */
    public JarFormat(KeyStore.PrivateKeyEntry key, String signatureAlgorithm, Provider provider, String profile,
                     URI tsa) {
        try {
            JarSigner.Builder builder = new JarSigner.Builder(key.getPrivateKey(), certPath(key))
                    .signatureAlgorithm(signatureAlgorithm, provider)
                    .signerName(signerName(profile));
            this.signer = (tsa == null ? builder : builder.tsa(tsa)).build();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalArgumentException("jar signing does not support " + signatureAlgorithm, e);
        }
    }

    /** Writes a signed copy of {@code jar} to {@code out}; earlier signatures by others are kept. */
    @Override
    public void sign(Path jar, OutputStream out) throws IOException {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            signer.sign(zip, out);
        } catch (JarSignerException e) {
            throw new IOException("cannot sign " + jar + ": " + rootMessage(e), e);
        }
    }

    /** jar signer names are at most 8 characters of {@code A-Z 0-9 _ -}. */
    static String signerName(String profile) {
        String name = profile.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9_-]", "_");
        return name.length() > 8 ? name.substring(0, 8) : name;
    }

    private static CertPath certPath(KeyStore.PrivateKeyEntry key) {
        try {
            return CertificateFactory.getInstance("X.509").generateCertPath(Arrays.asList(key.getCertificateChain()));
        } catch (CertificateException e) {
            throw new IllegalStateException("JDK cannot build a certificate path", e);
        }
    }

    private static String rootMessage(Throwable error) {
        Throwable t = error;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage() != null ? t.getMessage() : t.toString();
    }
}
