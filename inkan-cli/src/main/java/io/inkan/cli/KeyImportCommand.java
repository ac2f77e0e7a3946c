package io.inkan.cli;

import io.inkan.client.keys.KeyImportScheme;
import io.inkan.client.keys.Pkcs12Key;
import io.inkan.core.api.ImportKeyView;
import io.inkan.core.api.KeyImportRequest;
import io.inkan.core.api.KeyView;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * {@code inkan keys import}: binds an existing key to a project (K4). The wrapping happens here, under the
 * token's import key, so neither the plaintext key nor a PKCS#12 password ever reaches the server.
 */
@Command(name = "import", description = {
        "Import an existing key into a token (custodian). The key is wrapped here, under the token's import key",
        "(" + KeyImportScheme.NAME + "): the plaintext key and the PKCS#12 password never leave this machine."})
final class KeyImportCommand extends BaseCommand {

    @Option(names = "--project", required = true, paramLabel = "PROJECT")
    String project;

    @Option(names = "--name", required = true, paramLabel = "NAME")
    String name;

    @Option(names = "--token", paramLabel = "TOKEN", description = "Configured token to import into; "
            + "default: the server's default token.")
    String token;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    static final class Source {
        @ArgGroup(exclusive = false)
        Pkcs12 pkcs12;

        @ArgGroup(exclusive = false)
        Wrapped wrapped;
    }

    static final class Pkcs12 {
        @Option(names = "--pkcs12", required = true, paramLabel = "FILE",
                description = "PKCS#12 file with one private key and its certificate, which is attached to the key.")
        Path file;

        @Option(names = "--password-file", required = true, paramLabel = "FILE",
                description = "File whose first line is the PKCS#12 password.")
        Path passwordFile;
    }

    static final class Wrapped {
        @Option(names = "--wrapped", required = true, paramLabel = "FILE",
                description = "A PKCS#8 key already wrapped under the token's import key (see 'inkan keys import-key').")
        Path file;

        @Option(names = "--public-key", required = true, paramLabel = "FILE",
                description = "The wrapped key's public key (PEM or DER SubjectPublicKeyInfo).")
        Path publicKey;

        @Option(names = "--certificate", paramLabel = "FILE",
                description = "The key's certificate (PEM or DER); default: a self-signed one made in the token.")
        Path certificate;
    }

    @Mixin
    OutputOptions output;

    @Override
    void run() throws IOException, GeneralSecurityException {
        KeyImportRequest request = source.pkcs12 != null ? fromPkcs12() : fromWrapped();
        KeyView imported = client().keys().importKey(project, request);
        output.print(out(), imported, () -> KeysCommand.table(List.of(imported)));
    }

    private KeyImportRequest fromPkcs12() throws GeneralSecurityException {
        char[] password = CliEnvironment.readPassword(source.pkcs12.passwordFile).toCharArray();
        Pkcs12Key key = Pkcs12Key.load(source.pkcs12.file, password);
        Arrays.fill(password, '\0');
        ImportKeyView importKey = client().keys().importPublicKey(token);
        byte[] pkcs8 = key.privateKey().getEncoded();
        byte[] wrapped;
        try {
            wrapped = KeyImportScheme.wrap(importPublicKey(importKey), pkcs8, new SecureRandom());
        } finally {
            Arrays.fill(pkcs8, (byte) 0);
        }
        X509Certificate leaf = key.chain().get(0);
        return new KeyImportRequest(name, importKey.token(), base64(leaf.getPublicKey().getEncoded()), base64(wrapped),
                base64(leaf.getEncoded()));
    }

    private KeyImportRequest fromWrapped() throws IOException, GeneralSecurityException {
        byte[] wrapped = Files.readAllBytes(source.wrapped.file);
        byte[] publicKey = der(source.wrapped.publicKey, "PUBLIC KEY");
        String certificate = null;
        if (source.wrapped.certificate != null) {
            certificate = base64(certificate(source.wrapped.certificate).getEncoded());
        }
        return new KeyImportRequest(name, token, base64(publicKey), base64(wrapped), certificate);
    }

    static PublicKey importPublicKey(ImportKeyView view) throws GeneralSecurityException {
        if (!KeyImportScheme.NAME.equals(view.scheme())) {
            throw new CliException(ExitCodes.FAILURE, "unsupported import scheme",
                    "the server wraps with " + view.scheme() + "; this client knows " + KeyImportScheme.NAME);
        }
        return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(view.publicKey())));
    }

    /** The DER content of a PEM file with the given label, or the file itself when it is DER already. */
    private static byte[] der(Path file, String label) throws IOException {
        byte[] content = Files.readAllBytes(file);
        String text = new String(content, StandardCharsets.US_ASCII);
        if (!text.contains("-----BEGIN")) {
            return content;
        }
        try (PemReader reader = new PemReader(new StringReader(text))) {
            for (PemObject object = reader.readPemObject(); object != null; object = reader.readPemObject()) {
                if (object.getType().equals(label)) {
                    return object.getContent();
                }
            }
        }
        throw new CliException(ExitCodes.USAGE, "invalid argument", file + " holds no PEM '" + label + "'");
    }

    private static X509Certificate certificate(Path file) throws IOException {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(Files.readAllBytes(file)));
        } catch (CertificateException e) {
            throw new CliException(ExitCodes.USAGE, "invalid argument", file + " is not an X.509 certificate");
        }
    }

    private static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }
}
