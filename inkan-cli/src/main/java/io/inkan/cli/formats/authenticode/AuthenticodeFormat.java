package io.inkan.cli.formats.authenticode;

import io.inkan.cli.formats.ArtifactSigner;
import io.inkan.core.SignatureAlgorithm;
import net.jsign.AuthenticodeSigner;
import net.jsign.DigestAlgorithm;
import net.jsign.Signable;
import net.jsign.timestamp.TimestampingMode;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyStore;
import java.security.Provider;
import java.util.function.Consumer;

/**
 * Authenticode signatures for Windows artifacts — PE files (EXE, DLL, SYS, EFI), MSI installers, CAB
 * archives and PowerShell scripts — assembled by jsign, with the Inkan provider's {@code Signature} as
 * the signer: jsign hashes the file and its signed attributes locally, the server signs one digest.
 * Authenticode has no Ed25519, RSA-PSS or P1363 profile that Windows accepts, so those are refused.
 *
 * <p>A file that is already signed gets its signature replaced, never a nested one added: jsign's
 * nesting of a second signature left PE/EFI images that osslsigncode rejects ("Corrupted attribute
 * certificate table"), and a replaced signature is what a re-run of a failed release job wants. The
 * replacement is announced through {@code notices}, so nobody loses a signature without being told.
 */
public final class AuthenticodeFormat implements ArtifactSigner {

    private final AuthenticodeSigner signer;
    private final Consumer<String> notices;

    /**
     * @param tsa     RFC 3161 time-stamping authority; {@code null} for none
     * @param notices receives one line per file whose existing signature is replaced
     */
    public AuthenticodeFormat(KeyStore.PrivateKeyEntry key, SignatureAlgorithm algorithm, Provider provider, URI tsa,
            Consumer<String> notices) {
        if (algorithm.encoding() != SignatureAlgorithm.Encoding.PKCS1
                && algorithm.encoding() != SignatureAlgorithm.Encoding.DER) {
            throw new IllegalArgumentException("Authenticode signs with RSA PKCS#1 v1.5 or DER ECDSA, not " + algorithm);
        }
        AuthenticodeSigner authenticode = new AuthenticodeSigner(key.getCertificateChain(), key.getPrivateKey())
                .withDigestAlgorithm(DigestAlgorithm.of(algorithm.digest().jcaName()))
                .withSignatureAlgorithm(algorithm.jcaName(), provider)
                .withTimestamping(tsa != null)
                .withSignaturesReplaced(true);
        this.signer = tsa == null ? authenticode : authenticode.withTimestampingMode(TimestampingMode.RFC3161)
                .withTimestampingAuthority(tsa.toString());
        this.notices = notices;
    }

    /**
     * jsign signs a file in place, so the input is copied to a private temporary file in the same
     * directory, signed there and streamed to {@code out}; the input itself is never modified.
     */
    @Override
    public void sign(Path file, OutputStream out) throws IOException {
        String name = file.getFileName().toString();
        Path copy = Files.createTempFile(file.toAbsolutePath().getParent(), ".inkan-", "-" + name);
        try {
            Files.copy(file, copy, StandardCopyOption.REPLACE_EXISTING);
            try (Signable signable = Signable.of(copy.toFile())) {
                if (!signable.getSignatures().isEmpty()) {
                    notices.accept(name + ": replacing its existing Authenticode signature (signatures are not nested)");
                }
                signer.sign(signable);
            } catch (IOException e) {
                throw e;
            } catch (Exception e) {
                throw new IOException("cannot sign " + file + ": " + e.getMessage(), e);
            }
            Files.copy(copy, out);
        } finally {
            Files.deleteIfExists(copy);
        }
    }
}
