package io.inkan.cli.pkcs11;

import java.util.Set;

/**
 * How p11-kit serializes an attribute's value, by attribute type. This mirrors the type table in p11-kit's
 * {@code rpc-message.c} (identical in 0.24.1 and 0.26.4 for standard attributes): the wire form follows that
 * table, so an attribute the specification calls a flag but the table does not (e.g.
 * {@code CKA_DESTROYABLE}) travels as a byte string. Array-valued attributes (templates, allowed mechanisms)
 * and dates are not supported: the token never exposes them.
 */
enum AttributeKind {
    FLAG, NUMBER, BYTES, UNSUPPORTED;

    private static final Set<Long> FLAGS = Set.of(
            0x1L, 0x2L, 0x86L, 0x103L, 0x104L, 0x105L, 0x106L, 0x107L, 0x108L, 0x109L, 0x10AL, 0x10BL, 0x10CL,
            0x162L, 0x163L, 0x164L, 0x165L, 0x170L, 0x171L, 0x200L, 0x202L, 0x210L, 0x301L, 0x302L, 0x405L);
    private static final Set<Long> NUMBERS = Set.of(
            0x0L, 0x80L, 0x87L, 0x88L, 0x100L, 0x121L, 0x133L, 0x134L, 0x160L, 0x161L, 0x166L, 0x201L, 0x300L,
            0x400L, 0x401L, 0x402L, 0x403L, 0x404L, 0x406L, 0x500L);
    /** CKA_WRAP_TEMPLATE, CKA_UNWRAP_TEMPLATE, CKA_DERIVE_TEMPLATE, CKA_ALLOWED_MECHANISMS, CKA_START/END_DATE. */
    private static final Set<Long> UNSUPPORTED_TYPES = Set.of(
            0x40000211L, 0x40000212L, 0x40000213L, 0x40000600L, 0x110L, 0x111L);

    static AttributeKind of(long type) {
        if (FLAGS.contains(type)) {
            return FLAG;
        }
        if (NUMBERS.contains(type)) {
            return NUMBER;
        }
        return UNSUPPORTED_TYPES.contains(type) ? UNSUPPORTED : BYTES;
    }

    /** Whether {@code value} travels correctly as this kind. */
    boolean carries(AttributeValue value) {
        return switch (this) {
            case FLAG -> value instanceof AttributeValue.Flag;
            case NUMBER -> value instanceof AttributeValue.Number;
            case BYTES -> value instanceof AttributeValue.Bytes;
            case UNSUPPORTED -> false;
        };
    }
}
