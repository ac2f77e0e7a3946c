package io.inkan.server.infra.secrets;

import io.inkan.server.InkanProperties;
import io.inkan.server.infra.encoding.StrictBase64;
import org.springframework.stereotype.Component;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Set;

/**
 * The AES-256 master key, loaded once for the whole server from outside the database: an explicit value
 * (typically from the environment) or a key file ({@code master.key} in the data directory unless
 * configured) that is created with owner-only permissions on first start. A key file readable by others
 * is refused rather than silently used. It wraps the software token's keys and, through
 * {@link DerivedSecretBox}, the small secrets the server reads back (TOTP seeds, webhook keys); before
 * decision 018 each of these three loaded the key itself.
 */
@Component
public final class MasterKey {

    private static final int KEY_BYTES = 32;
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private final SecretKey key;
    private final SecureRandom random;

    MasterKey(InkanProperties properties, SecureRandom random) {
        InkanProperties.SoftwareToken software = properties.softwareToken();
        Path file = software.masterKeyFile() != null ? software.masterKeyFile()
                : properties.dataDir().resolve("master.key");
        this.key = load(software.masterKey(), file, random);
        this.random = random;
    }

    /** The key itself, for the software token's key wrapping. */
    public SecretKey key() {
        return key;
    }

    /**
     * A box for one purpose's secrets under a key derived from this one.
     *
     * @param label names the purpose, e.g. {@code inkan/totp-secrets/v1}
     * @param what  what the secrets are, for error messages ("TOTP secret")
     */
    public DerivedSecretBox box(String label, String what) {
        return new DerivedSecretBox(key, label, random, what);
    }

    /** Uses {@code base64Value} when given, otherwise reads (or creates) {@code file}. */
    static SecretKey load(String base64Value, Path file, SecureRandom random) {
        if (base64Value != null && !base64Value.isBlank()) {
            return decode(base64Value.strip(), "the configured master key");
        }
        try {
            if (Files.notExists(file)) {
                create(file, random);
            }
            checkPermissions(file);
            // strip(): the file's trailing newline (as `openssl rand -base64 32 > master.key` writes it)
            return decode(Files.readString(file, StandardCharsets.US_ASCII).strip(), "master key file " + file);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read or create master key file " + file, e);
        }
    }

    private static void create(Path file, SecureRandom random) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        byte[] key = new byte[KEY_BYTES];
        random.nextBytes(key);
        byte[] encoded = Base64.getEncoder().encode(key);
        Arrays.fill(key, (byte) 0);
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        } catch (FileAlreadyExistsException raced) {
            return;
        }
        Files.write(file, encoded);
        Arrays.fill(encoded, (byte) 0);
    }

    private static void checkPermissions(Path file) throws IOException {
        Set<PosixFilePermission> actual = Files.getPosixFilePermissions(file);
        if (!OWNER_ONLY.containsAll(actual)) {
            throw new IllegalStateException("master key file " + file + " must be readable by its owner only (0600), is "
                    + PosixFilePermissions.toString(actual));
        }
    }

    private static SecretKey decode(String base64, String what) {
        byte[] key;
        try {
            key = StrictBase64.decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(what + " is not base64");
        }
        if (key.length != KEY_BYTES) {
            throw new IllegalStateException(what + " must be 32 bytes (AES-256), is " + key.length);
        }
        SecretKey secretKey = new SecretKeySpec(key, "AES");
        Arrays.fill(key, (byte) 0);
        return secretKey;
    }
}
