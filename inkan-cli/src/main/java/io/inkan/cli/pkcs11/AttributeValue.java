package io.inkan.cli.pkcs11;

import java.util.Arrays;

/**
 * The value of one object attribute, typed the way p11-kit carries it on the wire: a flag (1 byte), a
 * number ({@code CK_ULONG}, 8 bytes) or a byte string. Which of the three an attribute is comes from
 * {@link AttributeKind}, p11-kit's own table, not from the PKCS#11 specification.
 */
sealed interface AttributeValue {

    /** The length the client's {@code CK_ATTRIBUTE.ulValueLen} gets (the native size on a 64-bit host). */
    int nativeLength();

    /** A {@code CK_BBOOL}. */
    record Flag(boolean value) implements AttributeValue {
        @Override
        public int nativeLength() {
            return 1;
        }
    }

    /** A {@code CK_ULONG}. */
    record Number(long value) implements AttributeValue {
        @Override
        public int nativeLength() {
            return Long.BYTES;
        }
    }

    /** A byte string (labels, identifiers, DER values). */
    record Bytes(byte[] value) implements AttributeValue {
        public Bytes {
            value = value.clone();
        }

        @Override
        public byte[] value() {
            return value.clone();
        }

        @Override
        public int nativeLength() {
            return value.length;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Bytes bytes && Arrays.equals(value, bytes.value);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(value);
        }

        @Override
        public String toString() {
            return "Bytes[" + value.length + "]";
        }
    }

    static AttributeValue of(boolean value) {
        return new Flag(value);
    }

    static AttributeValue of(long value) {
        return new Number(value);
    }

    static AttributeValue of(byte[] value) {
        return new Bytes(value);
    }
}
