package io.inkan.server.policy;

import java.nio.file.FileSystems;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;

/**
 * Artifact name patterns in the JDK's glob syntax, matched against the whole name. The JDK's matcher
 * is used rather than a home-made translation so that operators get the syntax documented in
 * {@link java.nio.file.FileSystem#getPathMatcher}.
 */
final class Globs {

    private Globs() {
    }

    /** Whether the matcher can compile the pattern (it throws PatternSyntaxException, an IllegalArgumentException). */
    static boolean valid(String glob) {
        try {
            matcher(glob);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    static boolean matches(String glob, String name) {
        try {
            return matcher(glob).matches(Path.of(name));
        } catch (InvalidPathException e) {
            return false;
        }
    }

    private static PathMatcher matcher(String glob) {
        return FileSystems.getDefault().getPathMatcher("glob:" + glob);
    }
}
