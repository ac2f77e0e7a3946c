package io.inkan.server.testing;

import io.inkan.client.keys.KeyImportScheme;
import tools.jackson.databind.JsonNode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a client does before {@code POST .../keys/import}: fetch the token's import key and wrap the
 * private key under it; plus PKCS#12 files made by openssl, as a key owner would bring them.
 */
public final class KeyImports {

    private static final SecureRandom RANDOM = new SecureRandom();

    private KeyImports() {
    }

    /** The token's import public key, fetched with {@code caller}'s credential. */
    public static PublicKey importKey(ApiCaller caller, String token) throws GeneralSecurityException {
        JsonNode view = Provisioning.expect(caller.get("/api/v1/import-key?token=" + token), 200).json();
        if (!KeyImportScheme.NAME.equals(view.get("scheme").asString())) {
            throw new AssertionError("unexpected scheme " + view);
        }
        return KeyFactory.getInstance("RSA").generatePublic(
                new X509EncodedKeySpec(Base64.getDecoder().decode(view.get("publicKey").asString())));
    }

    /** The body of an import request wrapping {@code privateKey} for {@code importKey}. */
    public static Map<String, Object> request(String name, String token, PublicKey importKey, PrivateKey privateKey,
                                              PublicKey publicKey, X509Certificate certificate)
            throws GeneralSecurityException {
        return request(name, token, publicKey, KeyImportScheme.wrap(importKey, privateKey.getEncoded(), RANDOM),
                certificate);
    }

    public static Map<String, Object> request(String name, String token, PublicKey publicKey, byte[] wrapped,
                                              X509Certificate certificate) throws GeneralSecurityException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("token", token);
        body.put("publicKey", b64(publicKey.getEncoded()));
        body.put("wrappedKey", b64(wrapped));
        if (certificate != null) {
            body.put("certificate", b64(certificate.getEncoded()));
        }
        return body;
    }

    /**
     * A PKCS#12 file made by openssl: a new key ({@code rsa:2048} or {@code ec}) with a self-signed
     * certificate for {@code subject}, protected by {@code password}. The certificate is also written as
     * {@code <name>.crt.pem} next to it.
     */
    public static Path opensslPkcs12(Path dir, String name, String keyType, String password) {
        String openssl = ExternalTools.require("openssl").toString();
        Path key = dir.resolve(name + ".key.pem");
        Path certificate = dir.resolve(name + ".crt.pem");
        Path pkcs12 = dir.resolve(name + ".p12");
        List<String> newKey = keyType.equals("ec")
                ? List.of("-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256")
                : List.of("-newkey", keyType);
        List<String> request = new java.util.ArrayList<>(List.of(openssl, "req", "-x509"));
        request.addAll(newKey);
        request.addAll(List.of("-nodes", "-keyout", key.toString(), "-out", certificate.toString(), "-days", "30",
                "-subj", "/O=Example Release/CN=" + name, "-addext", "extendedKeyUsage=codeSigning"));
        run(request);
        run(List.of(openssl, "pkcs12", "-export", "-inkey", key.toString(), "-in", certificate.toString(),
                "-name", name, "-out", pkcs12.toString(), "-passout", "pass:" + password));
        try {
            Files.delete(key);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return pkcs12;
    }

    private static void run(List<String> command) {
        ExternalTools.Result result = ExternalTools.run(command);
        if (result.exitCode() != 0) {
            throw new AssertionError(String.join(" ", command) + " failed:\n" + result.output());
        }
    }

    private static String b64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }
}
