package io.inkan.server.projects;


import io.inkan.server.infra.problem.Problem;
import io.inkan.server.infra.problem.Refusal;
import java.util.regex.Pattern;

/**
 * The one place that says which names the API accepts (docs/security.md, "Strict input"). Identifiers
 * (projects, keys, profiles, principals, authorities) are short lowercase slugs that are safe in URLs,
 * file names and log lines alike. Labels (token names, artifact names) may be any printable Unicode, but
 * never control, NUL, format (bidirectional overrides, zero-width) or line-separator characters, never
 * surrounding white space, and never longer than their kind allows: what an approver reads in an email
 * or the audit trail is what was sent, and one name cannot fill a log.
 */
public final class Names {

    private static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

    private Names() {
    }

    /** Returns {@code name} if it is a valid slug, otherwise refuses the request naming {@code what}. */
    public static String require(String what, String name) {
        if (name == null || !SLUG.matcher(name).matches()) {
            throw new Refusal(Problem.INVALID_NAME, what
                    + " names are 1-64 characters of a-z, 0-9, '.', '_' and '-', starting with a letter or digit");
        }
        return name;
    }

    /** Names that people choose freely and read back: printable text of a bounded length. */
    public enum Label {
        TOKEN("Token", 128),
        ARTIFACT("Artifact", 512);

        private final String what;
        private final int maxLength;

        Label(String what, int maxLength) {
            this.what = what;
            this.maxLength = maxLength;
        }

        public int maxLength() {
            return maxLength;
        }

        /**
         * Returns {@code value} if it is a valid label of this kind, otherwise refuses the request
         * ({@code invalid-name}) naming {@code field}.
         */
        public String require(String field, String value) {
            if (value == null || value.isEmpty() || value.length() > maxLength || !value.strip().equals(value)
                    || !value.codePoints().allMatch(Names::printable)) {
                throw new Refusal(Problem.INVALID_NAME, field + ": " + what + " names are 1-"
                        + maxLength + " printable characters without control, format (e.g. bidirectional) or"
                        + " line-separator characters and without leading or trailing white space");
            }
            return value;
        }
    }

    private static boolean printable(int codePoint) {
        return switch (Character.getType(codePoint)) {
            case Character.CONTROL, Character.FORMAT, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
                 Character.SURROGATE, Character.PRIVATE_USE, Character.UNASSIGNED -> false;
            default -> true;
        };
    }
}
