package io.inkan.cli;

import io.inkan.cli.formats.Format;
import io.inkan.cli.formats.Formats;
import io.inkan.core.KeyAlgorithm;
import io.inkan.core.SignatureAlgorithm;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.util.Arrays;
import java.util.Iterator;
import java.util.Locale;
import java.util.function.Function;

/**
 * Option converters for the algorithm enums, using their own lenient parsers ({@code ecdsa-sha256} works as
 * well as {@code ECDSA_SHA256}) and listing the valid names on error, and for the artifact formats.
 */
final class Converters {

    private Converters() {
    }

    private static <E extends Enum<E>> E parse(String value, Function<String, E> parser, E[] all) {
        try {
            return parser.apply(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException("unknown algorithm '" + value + "'; expected one of "
                    + Arrays.toString(all));
        }
    }

    static final class KeyAlgorithms implements ITypeConverter<KeyAlgorithm>, Iterable<String> {
        @Override
        public KeyAlgorithm convert(String value) {
            return parse(value, KeyAlgorithm::parse, KeyAlgorithm.values());
        }

        @Override
        public Iterator<String> iterator() {
            return Arrays.stream(KeyAlgorithm.values()).map(Enum::name).iterator();
        }
    }

    static final class SignatureAlgorithms implements ITypeConverter<SignatureAlgorithm>, Iterable<String> {
        @Override
        public SignatureAlgorithm convert(String value) {
            return parse(value, SignatureAlgorithm::parse, SignatureAlgorithm.values());
        }

        @Override
        public Iterator<String> iterator() {
            return Arrays.stream(SignatureAlgorithm.values()).map(Enum::name).iterator();
        }
    }

    /** Format names exactly as {@link Formats} lists them (case-sensitive, as {@code --format} always took them). */
    static final class FormatNames implements ITypeConverter<Format>, Iterable<String> {
        @Override
        public Format convert(String value) {
            return Formats.named(value).orElseThrow(() -> new TypeConversionException(
                    "expected one of " + Formats.names() + " (case-sensitive) but was '" + value + "'"));
        }

        @Override
        public Iterator<String> iterator() {
            return Formats.names().iterator();
        }
    }

    /** Token roles as the API spells them: lower case. */
    static final class Roles implements ITypeConverter<String>, Iterable<String> {
        private static final String[] ROLES = {"signer", "approver", "custodian", "auditor", "admin"};

        @Override
        public String convert(String value) {
            String role = value.strip().toLowerCase(Locale.ROOT);
            if (!Arrays.asList(ROLES).contains(role)) {
                throw new TypeConversionException("unknown role '" + value + "'; expected one of " + String.join(", ", ROLES));
            }
            return role;
        }

        @Override
        public Iterator<String> iterator() {
            return Arrays.asList(ROLES).iterator();
        }
    }
}
