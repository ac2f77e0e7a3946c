package io.inkan.client.audit;

import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

/** Proof hashes as the API sends them: 64 lowercase hex digits each. */
final class Hashes {

    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

    private Hashes() {
    }

    static List<byte[]> decode(List<String> hex) {
        return hex.stream().map(Hashes::decode).toList();
    }

    static byte[] decode(String hex) {
        if (hex == null || !SHA256_HEX.matcher(hex).matches()) {
            throw new IllegalArgumentException("not a SHA-256 hash in hex: " + hex);
        }
        return HexFormat.of().parseHex(hex);
    }
}
