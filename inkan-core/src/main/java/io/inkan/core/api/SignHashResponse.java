package io.inkan.core.api;

import java.util.List;

/**
 * The signatures of a batch, in request order, with what a verifier needs to check them.
 *
 * @param signatures       base64 signature values, one per request item
 * @param publicKey        the signing key's X.509 SubjectPublicKeyInfo, base64 DER
 * @param certificateChain leaf first, base64 DER each
 * @param nextSad          after a renewal request: the SAD for the digests still to sign, {@code null} when none remain
 * @param receipt          the audit log's receipt for the record of this request
 */
public record SignHashResponse(String project, String profile, String key, String algorithm,
                               List<String> signatures, String publicKey, List<String> certificateChain,
                               SadView nextSad, ReceiptView receipt) {
}
