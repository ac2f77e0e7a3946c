package io.inkan.core.api;

import java.time.Instant;
import java.util.List;

/**
 * A key as the API shows it: public material only, never anything private.
 *
 * @param publicKey        X.509 SubjectPublicKeyInfo, base64 DER
 * @param certificateChain leaf first, base64 DER each
 */
public record KeyView(String project, String name, String algorithm, String token, String tokenKind,
                      String state, String publicKey, List<String> certificateChain, Instant createdAt) {
}
