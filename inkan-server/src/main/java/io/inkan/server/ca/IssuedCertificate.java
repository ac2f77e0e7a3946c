package io.inkan.server.ca;

import java.math.BigInteger;
import java.time.Instant;

/**
 * A certificate the private CA issued, as kept for its CRL.
 *
 * @param keyId the key it certifies, when that key is an Inkan key
 */
record IssuedCertificate(long authorityId, BigInteger serial, Purpose purpose, Long keyId, String subject,
                         Instant notAfter, Instant revokedAt, String revocationReason) {

    /** What the certificate was issued for. */
    enum Purpose {
        CA,
        CODE_SIGNING,
        TIME_STAMPING
    }
}
