package io.inkan.server.testkit;

import io.inkan.core.DigestAlgorithm;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Digests for tests to sign: random ones when only their uniqueness matters, SHA-256 of given content
 * when a test verifies the signature over it, and their standard base64 as the API carries them.
 */
public final class Digests {

    private static final SecureRandom RANDOM = new SecureRandom();

    private Digests() {
    }

    /** 32 random bytes: a SHA-256 digest of nothing in particular, distinct from every other. */
    public static byte[] random() {
        byte[] digest = new byte[DigestAlgorithm.SHA256.length()];
        RANDOM.nextBytes(digest);
        return digest;
    }

    /** {@code count} distinct {@link #random()} digests. */
    public static List<byte[]> random(int count) {
        List<byte[]> digests = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            digests.add(random());
        }
        return digests;
    }

    /** The base64 of one {@link #random()} digest. */
    public static String randomBase64() {
        return base64(random());
    }

    public static byte[] sha256(byte[] content) {
        return DigestAlgorithm.SHA256.newDigest().digest(content);
    }

    /** SHA-256 of the UTF-8 bytes of {@code content}. */
    public static byte[] sha256(String content) {
        return sha256(content.getBytes(StandardCharsets.UTF_8));
    }

    /** The base64 of SHA-256 of the UTF-8 bytes of {@code content}. */
    public static String sha256Base64(String content) {
        return base64(sha256(content));
    }

    /** Standard base64 with padding, as the API's JSON carries binary values. */
    public static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    public static List<String> base64(List<byte[]> values) {
        return values.stream().map(Digests::base64).toList();
    }
}
