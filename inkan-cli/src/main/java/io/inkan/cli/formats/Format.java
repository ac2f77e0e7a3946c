package io.inkan.cli.formats;

import io.inkan.core.SignatureAlgorithm;

import java.io.IOException;
import java.util.Optional;

/**
 * One artifact format {@code inkan sign} produces: how files of it are recognised, what their output is
 * called, whether it carries time-stamps, and how a command signs them. A new format is one more
 * implementation listed in {@link Formats#ALL}; nothing else names formats. The interface holds no
 * command-line types, so a server-side signer (the upload gateway) can drive the same formats.
 */
public interface Format {

    /** The name users pass to {@code --format} and see in summaries, e.g. {@code jar}. */
    String name();

    /**
     * Whether a file name (lower case) says the file is of this format. Formats signed only when asked for
     * (and the fallback, raw) recognise nothing.
     */
    boolean detects(String lowerCaseName);

    /** The name of the output for an input called {@code fileName}; by default the input's, signed in place. */
    default String outputName(String fileName) {
        return fileName;
    }

    /** Whether this format's signatures can carry an RFC 3161 time-stamp; by default not. */
    default boolean timestamped() {
        return false;
    }

    /**
     * Whether the whole file is hashed here before the server is asked anything (the format needs the
     * file's digest itself rather than a library's to-be-signed bytes), so hashing can start at once; by
     * default not.
     */
    default boolean hashedLocally() {
        return false;
    }

    /**
     * Whether the output carries no key of its own, so the signing key's public key is written beside the
     * outputs as {@code PROFILE.pub.pem} (see {@link PreparedFormat#publicKey()}); by default not.
     */
    default boolean publishesPublicKey() {
        return false;
    }

    /**
     * Why this format cannot use {@code algorithm}, or empty. By default: formats that embed the signature
     * in a structure take DER-encoded ECDSA, never the IEEE P1363 encoding.
     */
    default Optional<Refusal> refuse(SignatureAlgorithm algorithm) {
        return algorithm.encoding() == SignatureAlgorithm.Encoding.P1363
                ? Optional.of(new Refusal("unsuitable algorithm",
                        "signed artifacts use DER ECDSA, not " + algorithm + "; pick the algorithm without _P1363"))
                : Optional.empty();
    }

    /**
     * Sets this format up for one command, before any file is signed: key and certificate look-ups happen
     * here, once, not on the signing threads.
     */
    PreparedFormat prepare(SigningSetup setup) throws IOException;

    /** What the help says this format does, after its name, e.g. {@code signs .apk (v1/v2/v3) in place}. */
    String help();

    /** A command that verifies the output, for the help; {@code null} if there is no common one. */
    String verification();

    /** Why a format refuses an algorithm, as a title and a detail for the user. */
    record Refusal(String title, String detail) {
    }
}
