package io.inkan.cli;

import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Decodes binary values typed on the command line. Digests usually come from tools like {@code sha256sum}
 * (hex) or from other APIs (base64 or base64url), so all three are accepted. An even-length string of hex
 * digits is read as hex: a base64 digest of that shape would be a remarkable coincidence.
 */
final class Binary {

    private static final Pattern HEX = Pattern.compile("(?:[0-9a-fA-F]{2})+");

    private Binary() {
    }

    static byte[] hexOrBase64(String what, String value) {
        String text = value.strip();
        if (HEX.matcher(text).matches()) {
            return HexFormat.of().parseHex(text);
        }
        return base64(what, text);
    }

    static byte[] base64(String what, String value) {
        String text = value.strip();
        try {
            return text.indexOf('-') >= 0 || text.indexOf('_') >= 0
                    ? Base64.getUrlDecoder().decode(text)
                    : Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCodes.USAGE, "invalid " + what, "'" + value + "' is not valid "
                    + (what.equals("digest") ? "hex or base64" : "base64"));
        }
    }
}
