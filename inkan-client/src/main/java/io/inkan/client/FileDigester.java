package io.inkan.client;

import io.inkan.core.DigestAlgorithm;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;

/**
 * Hashes files on the client so that only digests travel to the server. Artifacts can be gigabytes, so
 * the file is streamed through a fixed 1 MiB buffer and never held in memory as a whole.
 */
public final class FileDigester {

    /** Read size: large enough to keep syscalls rare, small enough to be irrelevant for memory. */
    static final int BUFFER_SIZE = 1 << 20;

    private FileDigester() {
    }

    /** Returns the digest of the file's contents. */
    public static byte[] digest(Path file, DigestAlgorithm algorithm) throws IOException {
        MessageDigest digest = algorithm.newDigest();
        byte[] buffer = new byte[BUFFER_SIZE];
        try (InputStream in = Files.newInputStream(file)) {
            int read;
            while ((read = in.read(buffer)) != -1) {
                digest.update(buffer, 0, read);
            }
        }
        return digest.digest();
    }
}
