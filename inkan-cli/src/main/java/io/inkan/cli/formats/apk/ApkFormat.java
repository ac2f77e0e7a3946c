package io.inkan.cli.formats.apk;

import com.android.apksig.ApkSigner;
import io.inkan.cli.formats.ArtifactSigner;
import io.inkan.core.KeyFamily;
import io.inkan.core.SignatureAlgorithm;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.Provider;
import java.security.Security;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Android APKs signed with the v1 (JAR), v2 and v3 schemes by Google's apksig, as {@code apksigner sign}
 * does. apksig asks the JCA for its signatures by name only, so the Inkan provider is installed for the
 * duration of a signing (the JDK's providers decline the opaque key and pass it on) — of all signings,
 * when several APKs are signed at once on their own threads; every scheme's
 * signed data is hashed locally and the server signs the digests. APK signing has no Ed25519, and the
 * signatures target Android 4.3 (API 18) and later.
 */
public final class ApkFormat implements ArtifactSigner {

    /**
     * Android 4.3: the first to accept SHA-256 in v1 signatures and ECDSA. Older releases need SHA-1,
     * which the server does not sign, so every APK is signed for this level or later.
     */
    static final int MIN_SDK = 18;

    private final KeyStore.PrivateKeyEntry key;
    private final Provider provider;
    private final String signerName;

    public ApkFormat(KeyStore.PrivateKeyEntry key, SignatureAlgorithm algorithm, Provider provider, String profile) {
        if (algorithm.keyFamily() == KeyFamily.ED25519) {
            throw new IllegalArgumentException("APK signature schemes have no Ed25519; use an RSA or EC key");
        }
        this.key = key;
        this.provider = provider;
        this.signerName = profile.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9_-]", "_");
    }

    @Override
    public void sign(Path file, OutputStream out) throws IOException {
        List<X509Certificate> chain = Arrays.stream(key.getCertificateChain()).map(c -> (X509Certificate) c).toList();
        ApkSigner.SignerConfig signer = new ApkSigner.SignerConfig.Builder(signerName, key.getPrivateKey(), chain).build();
        Path signed = Files.createTempFile(file.toAbsolutePath().getParent(), ".inkan-", ".apk");
        GlobalProvider.acquire(provider);
        try {
            new ApkSigner.Builder(List.of(signer))
                    .setInputApk(file.toFile())
                    .setOutputApk(signed.toFile())
                    .setMinSdkVersion(MIN_SDK)
                    .setV1SigningEnabled(true)
                    .setV2SigningEnabled(true)
                    .setV3SigningEnabled(true)
                    .setCreatedBy("Inkan")
                    .build()
                    .sign();
            Files.copy(signed, out);
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("cannot sign " + file + ": " + e.getMessage(), e);
        } finally {
            GlobalProvider.release();
            Files.deleteIfExists(signed);
        }
    }

    /**
     * The process-wide installation of the Inkan provider, counted: several APKs may be signed at once
     * (one thread each), and the provider must stay installed until the last of them is done. A provider
     * of the same name installed by someone else is left alone.
     */
    private static final class GlobalProvider {

        private static int users;
        private static String installedName;

        static synchronized void acquire(Provider provider) {
            if (users++ == 0 && Security.addProvider(provider) != -1) {
                installedName = provider.getName();
            }
        }

        static synchronized void release() {
            if (--users == 0 && installedName != null) {
                Security.removeProvider(installedName);
                installedName = null;
            }
        }
    }
}
