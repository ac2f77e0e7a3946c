package io.inkan.cli.pkcs11;

/**
 * The PKCS#11 numbers the agent speaks (from the PKCS#11 2.40 specification), gathered in one place so the
 * codec, the token model and the signing logic agree on them. Only what a signing-only token needs.
 */
final class Pkcs11 {

    private Pkcs11() {
    }

    // Return values.
    static final long CKR_OK = 0x0;
    static final long CKR_SLOT_ID_INVALID = 0x3;
    static final long CKR_ARGUMENTS_BAD = 0x7;
    static final long CKR_ATTRIBUTE_TYPE_INVALID = 0x12;
    static final long CKR_DATA_INVALID = 0x20;
    static final long CKR_DATA_LEN_RANGE = 0x21;
    static final long CKR_DEVICE_ERROR = 0x30;
    static final long CKR_FUNCTION_NOT_SUPPORTED = 0x54;
    static final long CKR_KEY_HANDLE_INVALID = 0x60;
    static final long CKR_KEY_TYPE_INCONSISTENT = 0x63;
    static final long CKR_KEY_FUNCTION_NOT_PERMITTED = 0x68;
    static final long CKR_MECHANISM_INVALID = 0x70;
    static final long CKR_MECHANISM_PARAM_INVALID = 0x71;
    static final long CKR_OBJECT_HANDLE_INVALID = 0x82;
    static final long CKR_OPERATION_ACTIVE = 0x90;
    static final long CKR_OPERATION_NOT_INITIALIZED = 0x91;
    static final long CKR_SESSION_HANDLE_INVALID = 0xB3;
    static final long CKR_SESSION_PARALLEL_NOT_SUPPORTED = 0xB4;
    static final long CKR_BUFFER_TOO_SMALL = 0x150;
    static final long CKR_FUNCTION_REJECTED = 0x200;

    // Object classes.
    static final long CKO_CERTIFICATE = 0x1;
    static final long CKO_PUBLIC_KEY = 0x2;
    static final long CKO_PRIVATE_KEY = 0x3;

    // Key and certificate types.
    static final long CKK_RSA = 0x0;
    static final long CKK_EC = 0x3;
    static final long CKC_X_509 = 0x0;

    // Attributes.
    static final long CKA_CLASS = 0x0;
    static final long CKA_TOKEN = 0x1;
    static final long CKA_PRIVATE = 0x2;
    static final long CKA_LABEL = 0x3;
    static final long CKA_VALUE = 0x11;
    static final long CKA_CERTIFICATE_TYPE = 0x80;
    static final long CKA_ISSUER = 0x81;
    static final long CKA_SERIAL_NUMBER = 0x82;
    static final long CKA_TRUSTED = 0x86;
    static final long CKA_CERTIFICATE_CATEGORY = 0x87;
    static final long CKA_KEY_TYPE = 0x100;
    static final long CKA_SUBJECT = 0x101;
    static final long CKA_ID = 0x102;
    static final long CKA_SENSITIVE = 0x103;
    static final long CKA_ENCRYPT = 0x104;
    static final long CKA_DECRYPT = 0x105;
    static final long CKA_WRAP = 0x106;
    static final long CKA_UNWRAP = 0x107;
    static final long CKA_SIGN = 0x108;
    static final long CKA_SIGN_RECOVER = 0x109;
    static final long CKA_VERIFY = 0x10A;
    static final long CKA_VERIFY_RECOVER = 0x10B;
    static final long CKA_DERIVE = 0x10C;
    static final long CKA_MODULUS = 0x120;
    static final long CKA_MODULUS_BITS = 0x121;
    static final long CKA_PUBLIC_EXPONENT = 0x122;
    static final long CKA_EXTRACTABLE = 0x162;
    static final long CKA_LOCAL = 0x163;
    static final long CKA_NEVER_EXTRACTABLE = 0x164;
    static final long CKA_ALWAYS_SENSITIVE = 0x165;
    static final long CKA_MODIFIABLE = 0x170;
    static final long CKA_COPYABLE = 0x171;
    static final long CKA_EC_PARAMS = 0x180;
    static final long CKA_EC_POINT = 0x181;
    static final long CKA_ALWAYS_AUTHENTICATE = 0x202;

    // Mechanisms.
    static final long CKM_RSA_PKCS = 0x1;
    static final long CKM_RSA_PKCS_PSS = 0xD;
    static final long CKM_SHA256_RSA_PKCS = 0x40;
    static final long CKM_SHA384_RSA_PKCS = 0x41;
    static final long CKM_SHA512_RSA_PKCS = 0x42;
    static final long CKM_SHA256_RSA_PKCS_PSS = 0x43;
    static final long CKM_SHA384_RSA_PKCS_PSS = 0x44;
    static final long CKM_SHA512_RSA_PKCS_PSS = 0x45;
    static final long CKM_SHA256 = 0x250;
    static final long CKM_SHA384 = 0x260;
    static final long CKM_SHA512 = 0x270;
    static final long CKM_ECDSA = 0x1041;
    static final long CKM_ECDSA_SHA256 = 0x1044;
    static final long CKM_ECDSA_SHA384 = 0x1045;
    static final long CKM_ECDSA_SHA512 = 0x1046;

    // Mask generation functions of the PSS parameters.
    static final long CKG_MGF1_SHA256 = 0x2;
    static final long CKG_MGF1_SHA384 = 0x3;
    static final long CKG_MGF1_SHA512 = 0x4;

    // Flags.
    static final long CKF_TOKEN_PRESENT = 0x1;
    static final long CKF_REMOTE_DEVICE = 0x2;
    static final long CKF_TOKEN_INITIALIZED = 0x400;
    static final long CKF_RW_SESSION = 0x2;
    static final long CKF_SERIAL_SESSION = 0x4;
    static final long CKF_SIGN = 0x800;
    static final long CKF_EC_F_P = 0x100000;
    static final long CKF_EC_NAMEDCURVE = 0x800000;
    static final long CKF_EC_UNCOMPRESS = 0x1000000;

    // Session states.
    static final long CKS_RW_PUBLIC_SESSION = 2;
    static final long CKS_RW_USER_FUNCTIONS = 3;

    /** {@code CK_UNAVAILABLE_INFORMATION}, and the "no value" length of an attribute. */
    static final long UNAVAILABLE = -1L;
}
