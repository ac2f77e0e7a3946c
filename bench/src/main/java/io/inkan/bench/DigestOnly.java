package io.inkan.bench;

import io.inkan.client.FileDigester;
import io.inkan.core.DigestAlgorithm;

import java.nio.file.Path;
import java.util.HexFormat;

/**
 * A JVM that does nothing but hash one file with the CLI's own {@link FileDigester} and print the
 * SHA-256: no arguments to parse, no TLS, no requests. {@link FileSigningBenchmark} times it next to
 * {@code openssl dgst -sha256} to show how close any Java client can come to openssl before it does
 * anything else.
 */
public final class DigestOnly {

    private DigestOnly() {
    }

    public static void main(String[] args) throws Exception {
        System.out.println(HexFormat.of().formatHex(FileDigester.digest(Path.of(args[0]), DigestAlgorithm.SHA256)));
    }
}
