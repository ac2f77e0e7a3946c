package io.inkan.cli.pkcs11;

import java.util.Map;

/**
 * One object of a token: its handle, its attributes, and for a private key what signing with it means.
 *
 * @param signer {@code null} unless this is a private key
 */
record TokenObject(long handle, Map<Long, AttributeValue> attributes, SigningKey signer) {

    TokenObject {
        attributes = Map.copyOf(attributes);
    }

    /** The remote key behind a private-key object. */
    record SigningKey(String project, String profile, io.inkan.core.KeyFamily family, int signatureLength) {
    }

    /** Whether every attribute of {@code template} is present here with an equal value. */
    boolean matches(Map<Long, AttributeValue> template) {
        return template.entrySet().stream().allMatch(entry -> entry.getValue().equals(attributes.get(entry.getKey())));
    }
}
