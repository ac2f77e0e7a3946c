package io.inkan.server.infra.encoding;

import java.util.Base64;
import java.util.regex.Pattern;

/**
 * The one base64 decoder of the server (decision 018). It accepts exactly the canonical RFC 4648 §4
 * encoding, as every Inkan client and the JDK's {@code Base64.getEncoder()} produce it, and refuses what
 * is almost valid: whitespace or line breaks, missing or extra padding, URL-safe characters ({@code -},
 * {@code _}) mixed in, and non-zero unused bits in the last character (two strings for one value). Before,
 * four call sites each trimmed, swapped alphabets and took unpadded input, so one value had many accepted
 * spellings and a digest could be sent in a form no client produces.
 *
 * <p>The one known variant is kept, in {@link #decodeEitherAlphabet}: the audit search's {@code digest}
 * filter, which the CLI passes on as the operator typed it and which other tools print in base64url,
 * often without padding. Even there the alphabets are never mixed and the encoding must be canonical.
 */
public final class StrictBase64 {

    private static final Pattern STANDARD = Pattern.compile("(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?");
    private static final Pattern URL_SAFE = Pattern.compile("[A-Za-z0-9_-]*={0,2}");

    private StrictBase64() {
    }

    /**
     * The bytes of canonical, padded, standard-alphabet base64.
     *
     * @throws IllegalArgumentException saying what is wrong (never echoing the value)
     */
    public static byte[] decode(String value) {
        if (value == null) {
            throw new IllegalArgumentException("no value");
        }
        if (!STANDARD.matcher(value).matches()) {
            throw new IllegalArgumentException(reason(value));
        }
        return canonical(value, Base64.getDecoder(), Base64.getEncoder());
    }

    /**
     * Canonical standard base64 (padded), or canonical base64url (padded or not): for values people copy
     * from other tools. One alphabet per value; a value in neither's special characters is read as base64url,
     * which gives the same bytes as standard base64 when it is padded.
     *
     * @throws IllegalArgumentException saying what is wrong (never echoing the value)
     */
    public static byte[] decodeEitherAlphabet(String value) {
        if (value != null && value.indexOf('+') < 0 && value.indexOf('/') < 0) {
            if (!URL_SAFE.matcher(value).matches()) {
                throw new IllegalArgumentException(reason(value));
            }
            String unpadded = value.endsWith("=") ? value.substring(0, value.indexOf('=')) : value;
            if (value.endsWith("=") && value.length() % 4 != 0 || unpadded.length() % 4 == 1) {
                throw new IllegalArgumentException("wrong length or padding");
            }
            return canonical(unpadded, Base64.getUrlDecoder(), Base64.getUrlEncoder().withoutPadding());
        }
        return decode(value);
    }

    private static byte[] canonical(String value, Base64.Decoder decoder, Base64.Encoder encoder) {
        byte[] decoded = decoder.decode(value);
        if (!encoder.encodeToString(decoded).equals(value)) {
            throw new IllegalArgumentException("non-zero unused bits in the last character");
        }
        return decoded;
    }

    private static String reason(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isWhitespace(c)) {
                return "whitespace or a line break";
            }
        }
        boolean standard = value.indexOf('+') >= 0 || value.indexOf('/') >= 0;
        boolean urlSafe = value.indexOf('-') >= 0 || value.indexOf('_') >= 0;
        if (standard && urlSafe) {
            return "standard and URL-safe alphabets mixed";
        }
        if (!value.chars().allMatch(c -> Character.isLetterOrDigit(c) && c < 128 || c == '+' || c == '/' || c == '='
                || c == '-' || c == '_')) {
            return "a character outside the base64 alphabet";
        }
        if (urlSafe) {
            return "URL-safe alphabet where standard base64 is expected";
        }
        return "wrong length or padding";
    }
}
