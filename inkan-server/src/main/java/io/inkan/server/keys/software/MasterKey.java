package io.inkan.server.keys.software;

import io.inkan.server.keys.TokenException;

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
 * Loads the software token's AES-256 master key from outside the database: an explicit value
 * (typically from the environment) or a key file that is created with owner-only permissions on first
 * start. A key file readable by others is refused rather than silently used.
 */
public final class MasterKey {

    private static final int KEY_BYTES = 32;
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private MasterKey() {
    }

    /** Uses {@code base64Value} when given, otherwise reads (or creates) {@code file}. */
    public static SecretKey load(String base64Value, Path file, SecureRandom random) {
        if (base64Value != null && !base64Value.isBlank()) {
            return decode(base64Value.trim(), "the configured master key");
        }
        try {
            if (Files.notExists(file)) {
                create(file, random);
            }
            checkPermissions(file);
            return decode(Files.readString(file, StandardCharsets.US_ASCII).trim(), "master key file " + file);
        } catch (IOException e) {
            throw new TokenException("cannot read or create master key file " + file, e);
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
            throw new TokenException("master key file " + file + " must be readable by its owner only (0600), is "
                    + PosixFilePermissions.toString(actual));
        }
    }

    private static SecretKey decode(String base64, String what) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new TokenException(what + " is not base64");
        }
        if (key.length != KEY_BYTES) {
            throw new TokenException(what + " must be 32 bytes (AES-256), is " + key.length);
        }
        SecretKey secretKey = new SecretKeySpec(key, "AES");
        Arrays.fill(key, (byte) 0);
        return secretKey;
    }
}
